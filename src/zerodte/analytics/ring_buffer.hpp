#pragma once
// Fixed-capacity ring buffer and monotonic deque used by the streaming indicators. Storage is
// allocated once at construction; push/pop never allocate.
#include <cstddef>
#include <vector>

#include "zerodte/core/assert.hpp"

namespace zerodte::analytics {

template <typename T>
class RingBuffer {
 public:
  explicit RingBuffer(std::size_t capacity) : buf_(capacity == 0 ? 1 : capacity) {}

  [[nodiscard]] std::size_t capacity() const { return buf_.size(); }
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] bool full() const { return size_ == buf_.size(); }

  // Appends x; when full, the oldest element is overwritten and returned through `evicted`.
  bool push(const T& x, T* evicted = nullptr) {
    if (size_ == buf_.size()) {
      if (evicted != nullptr) *evicted = buf_[head_];
      buf_[head_] = x;
      head_ = wrap(head_ + 1);
      return true;
    }
    buf_[wrap(head_ + size_)] = x;
    ++size_;
    return false;
  }
  void pop_front() {
    ZDTE_ASSERT(size_ > 0, "pop_front on empty ring");
    head_ = wrap(head_ + 1);
    --size_;
  }
  void pop_back() {
    ZDTE_ASSERT(size_ > 0, "pop_back on empty ring");
    --size_;
  }
  // i = 0 is the oldest element.
  [[nodiscard]] const T& operator[](std::size_t i) const { return buf_[wrap(head_ + i)]; }
  [[nodiscard]] T& operator[](std::size_t i) { return buf_[wrap(head_ + i)]; }
  [[nodiscard]] const T& front() const { return (*this)[0]; }
  [[nodiscard]] const T& back() const { return (*this)[size_ - 1]; }
  void clear() {
    head_ = 0;
    size_ = 0;
  }

 private:
  [[nodiscard]] std::size_t wrap(std::size_t i) const {
    return i >= buf_.size() ? i - buf_.size() : i;
  }
  std::vector<T> buf_;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace zerodte::analytics
