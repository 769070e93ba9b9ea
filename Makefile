# The README's commands. `make run` starts a paper-trading session; `make test` runs every test.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
CONFIG ?= config/paper.toml
RELEASE_BIN := build/release/src/zerodte/app/zerodte

.PHONY: deps web configure build run test test-sanitize bench format format-check tidy clean

deps:
	@scripts/install-deps.sh

# The dashboard's static files (npm from the registry; skipped when web/dist is current).
web: deps
	@scripts/build-web.sh

configure: deps web
	@cmake --preset release >/dev/null

build: configure
	@cmake --build --preset release -j $(JOBS)

run: build
	@$(RELEASE_BIN) run --config $(CONFIG)

test: build
	@ctest --preset release -j $(JOBS)

test-sanitize: deps web
	@cmake --preset debug >/dev/null
	@cmake --build --preset debug -j $(JOBS)
	@ctest --preset debug -j $(JOBS)

bench: build
	@for b in build/release/bench/bench_*; do echo "== $$b"; $$b --benchmark_min_time=0.2; done

format:
	@git ls-files '*.hpp' '*.cpp' | xargs clang-format -i

format-check:
	@git ls-files '*.hpp' '*.cpp' | xargs clang-format --dry-run -Werror

tidy: configure
	@git ls-files 'src/*.cpp' | xargs clang-tidy -p build/release --quiet

clean:
	@rm -rf build
