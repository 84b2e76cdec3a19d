// Argument parsing for the N-API functions of lola_native: the heap typed array, integers, integer
// arrays and float extents checked against the heap; `Guarded` / `OnHeap` wrap a function body so
// that a lola::Error becomes a JavaScript exception.
#pragma once
#include <node_api.h>

#include <cstdint>
#include <string>
#include <vector>

namespace lola {

struct Error {
  std::string message;
};

inline napi_value Throw(napi_env env, const std::string& message) {
  napi_throw_error(env, nullptr, ("lola native: " + message).c_str());
  return nullptr;
}

struct Args {
  napi_env env;
  std::vector<napi_value> v;
  float* heap = nullptr;
  int64_t length = 0;  // floats

  // How many arguments the call passed (for functions with an optional last argument).
  static size_t Count(napi_env env, napi_callback_info info) {
    size_t argc = 0;
    napi_get_cb_info(env, info, &argc, nullptr, nullptr, nullptr);
    return argc;
  }

  Args(napi_env e, napi_callback_info info, size_t want) : env(e), v(want) {
    size_t argc = want;
    if (napi_get_cb_info(env, info, &argc, v.data(), nullptr, nullptr) != napi_ok || argc != want) {
      throw Error{"expected " + std::to_string(want) + " arguments, got " + std::to_string(argc)};
    }
  }

  void Heap(size_t i) {
    bool is = false;
    napi_is_typedarray(env, v[i], &is);
    if (!is) throw Error{"argument " + std::to_string(i) + " must be a typed array over the wasm heap"};
    napi_typedarray_type type;
    size_t count = 0;
    void* data = nullptr;
    napi_value buffer;
    size_t byteOffset = 0;
    if (napi_get_typedarray_info(env, v[i], &type, &count, &data, &buffer, &byteOffset) != napi_ok || data == nullptr) {
      throw Error{"cannot read the heap typed array"};
    }
    size_t bytes = count;
    if (type == napi_float32_array || type == napi_int32_array || type == napi_uint32_array) bytes = count * 4;
    else if (type != napi_uint8_array && type != napi_int8_array) throw Error{"the heap must be a Uint8Array or Float32Array"};
    // `data` already includes byteOffset; offsets are relative to it.
    heap = static_cast<float*>(data);
    length = static_cast<int64_t>(bytes / 4);
  }

  int64_t Int(size_t i) {
    int64_t out = 0;
    if (napi_get_value_int64(env, v[i], &out) != napi_ok) throw Error{"argument " + std::to_string(i) + " must be a number"};
    return out;
  }

  bool Bool(size_t i) {
    bool out = false;
    if (napi_get_value_bool(env, v[i], &out) != napi_ok) throw Error{"argument " + std::to_string(i) + " must be a boolean"};
    return out;
  }

  // A number; `fallback` when the argument is not one.
  double Double(size_t i, double fallback) {
    double out = fallback;
    napi_get_value_double(env, v[i], &out);
    return out;
  }

  // An array of at least `minLength` and at most 8 integers; `what` prefixes the error.
  std::vector<int64_t> Ints(size_t i, uint32_t minLength, const std::string& what) {
    uint32_t n = 0;
    if (napi_get_array_length(env, v[i], &n) != napi_ok || n < minLength || n > 8) {
      throw Error{what + "argument " + std::to_string(i) + " must be an array of " + (minLength > 0 ? "1 to 8" : "at most 8") + " integers"};
    }
    std::vector<int64_t> out(n);
    for (uint32_t j = 0; j < n; j++) {
      napi_value e;
      napi_get_element(env, v[i], j, &e);
      if (napi_get_value_int64(env, e, &out[j]) != napi_ok) throw Error{what + "argument " + std::to_string(i) + " must hold integers"};
    }
    return out;
  }

  // Pointer to `count` floats at float offset `off`, checked against the heap.
  float* At(int64_t off, int64_t count, const char* what) {
    if (off < 0 || count < 0 || off + count > length) {
      throw Error{std::string(what) + ": floats [" + std::to_string(off) + ", " + std::to_string(off + count) +
                  ") lie outside the heap of " + std::to_string(length)};
    }
    return heap + off;
  }
};

// Runs the body of an N-API function that returns undefined; a lola::Error becomes an exception.
template <typename F>
napi_value Guarded(napi_env env, F&& body) {
  try {
    body();
  } catch (const Error& e) {
    return Throw(env, e.message);
  }
  return nullptr;
}

// `Guarded` for a function of `want` arguments whose first is the heap typed array: body(args).
template <typename F>
napi_value OnHeap(napi_env env, napi_callback_info info, size_t want, F&& body) {
  return Guarded(env, [&] {
    Args a(env, info, want);
    a.Heap(0);
    body(a);
  });
}

}  // namespace lola
