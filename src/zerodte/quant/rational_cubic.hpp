#pragma once
// Delbourgo-Gregory rational cubic interpolation with a shape-preserving control parameter, used
// by the implied-volatility initial guess (Jäckel, "Let's Be Rational", section 5).
namespace zerodte::quant::rational_cubic {

double interpolate(double x, double x_l, double x_r, double y_l, double y_r, double d_l, double d_r,
                   double r);

// Control parameter that matches the second derivative at the left (right) end while keeping
// the interpolant convex/monotone where the data are.
double convex_control_left(double x_l, double x_r, double y_l, double y_r, double d_l, double d_r,
                           double second_derivative_l, bool prefer_shape_preservation);
double convex_control_right(double x_l, double x_r, double y_l, double y_r, double d_l, double d_r,
                            double second_derivative_r, bool prefer_shape_preservation);

}  // namespace zerodte::quant::rational_cubic
