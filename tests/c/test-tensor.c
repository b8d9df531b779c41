/* Tensors: owned and external memory, ROI views, strides, set_shape rules,
 * strided copies, packed types, strings, and refcounted memory blocks. */
#include <stdlib.h>

#include "pinot/pinot.h"
#include "test.h"

static pinot_shape make_shape(uint32_t rank, const int64_t * dims) {
    pinot_shape shape;
    CHECK_OK(pinot_shape_init(&shape, rank, dims));
    return shape;
}

static void test_owned_tensor(void) {
    pinot_shape shape = make_shape(3, (int64_t[]){2, 3, 4});
    pinot_tensor_t * t = NULL;
    CHECK_OK(pinot_tensor_create(PINOT_DTYPE_F32, &shape, &t));
    CHECK_EQ_INT(pinot_tensor_get_size(t), 24);
    CHECK_EQ_INT(pinot_tensor_get_byte_size(t), 96);
    CHECK_EQ_INT((uintptr_t)pinot_tensor_get_data(t) % PINOT_TENSOR_ALIGNMENT, 0);
    int64_t strides[3];
    CHECK_OK(pinot_tensor_get_strides(t, strides));
    CHECK_EQ_INT(strides[0], 48);
    CHECK_EQ_INT(strides[1], 16);
    CHECK_EQ_INT(strides[2], 4);
    CHECK(pinot_tensor_is_continuous(t));
    CHECK(pinot_tensor_is_owned(t));
    CHECK_EQ_INT(pinot_tensor_get_type(t), PINOT_DTYPE_F32);
    pinot_tensor_free(t);
    pinot_tensor_free(NULL);
}

static void test_empty_and_scalar(void) {
    pinot_shape empty = make_shape(2, (int64_t[]){0, 5});
    pinot_shape scalar = make_shape(0, NULL);
    pinot_tensor_t * e = NULL, * s = NULL;
    CHECK_OK(pinot_tensor_create(PINOT_DTYPE_I64, &empty, &e));
    CHECK_OK(pinot_tensor_create(PINOT_DTYPE_I64, &scalar, &s));
    CHECK(pinot_tensor_get_data(e) != NULL);
    CHECK_EQ_INT(pinot_tensor_get_size(e), 0);
    CHECK_EQ_INT(pinot_tensor_get_size(s), 1);
    CHECK_EQ_INT(pinot_tensor_get_byte_size(s), 8);
    CHECK(pinot_tensor_is_continuous(e));
    pinot_tensor_free(e);
    pinot_tensor_free(s);
}

static void test_create_errors(void) {
    pinot_tensor_t * t = NULL;
    pinot_shape shape = make_shape(1, (int64_t[]){4});
    CHECK_STATUS(pinot_tensor_create(PINOT_DTYPE_DYNAMIC, &shape, &t), PINOT_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(pinot_last_error_message(), "is_static") != NULL);
    shape.dims[0] = -1;
    CHECK_STATUS(pinot_tensor_create(PINOT_DTYPE_F32, &shape, &t), PINOT_STATUS_INVALID_ARGUMENT);
    pinot_shape huge = make_shape(2, (int64_t[]){INT64_MAX / 2, 4});
    CHECK_STATUS(pinot_tensor_create(PINOT_DTYPE_F32, &huge, &t), PINOT_STATUS_OUT_OF_MEMORY);
    pinot_shape too_big = make_shape(1, (int64_t[]){INT64_MAX / 8});
    CHECK_STATUS(pinot_tensor_create(PINOT_DTYPE_F64, &too_big, &t), PINOT_STATUS_OUT_OF_MEMORY);
    CHECK(t == NULL);
}

static int released;
static void count_release(void * user) {
    released += *(int *)user;
}

static void test_external_memory(void) {
    float data[12] = {0};
    int weight = 1;
    released = 0;
    pinot_shape shape = make_shape(2, (int64_t[]){3, 4});
    pinot_tensor_t * t = NULL;
    CHECK_OK(pinot_tensor_create_from_memory(PINOT_DTYPE_F32, &shape, data, NULL, sizeof(data), count_release,
                                             &weight, &t));
    CHECK(pinot_tensor_get_data(t) == data);
    CHECK(!pinot_tensor_is_owned(t));
    /* Shrinking and growing back within the memory is fine; beyond it is not. */
    pinot_shape small = make_shape(1, (int64_t[]){5});
    pinot_shape back = make_shape(2, (int64_t[]){2, 6});
    pinot_shape big = make_shape(2, (int64_t[]){4, 4});
    CHECK_OK(pinot_tensor_set_shape(t, &small));
    CHECK_OK(pinot_tensor_set_shape(t, &back));
    CHECK_STATUS(pinot_tensor_set_shape(t, &big), PINOT_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(pinot_last_error_message(), "failed") != NULL);
    CHECK(pinot_tensor_get_data(t) == data);
    /* A second reference and a memory reference keep the block alive. */
    pinot_tensor_retain(t);
    pinot_memory_t * memory = pinot_tensor_get_memory(t);
    pinot_tensor_free(t);
    pinot_tensor_free(t);
    CHECK_EQ_INT(released, 0);
    pinot_memory_release(memory);
    CHECK_EQ_INT(released, 1);
    pinot_memory_release(NULL);
}

static void test_external_memory_errors_release(void) {
    float data[4];
    int weight = 10;
    released = 0;
    pinot_shape shape = make_shape(1, (int64_t[]){8});
    pinot_tensor_t * t = NULL;
    /* Too small: fails, and ownership still passed (release called once). */
    CHECK_STATUS(pinot_tensor_create_from_memory(PINOT_DTYPE_F32, &shape, data, NULL, sizeof(data), count_release,
                                                 &weight, &t),
                 PINOT_STATUS_INVALID_ARGUMENT);
    CHECK_EQ_INT(released, 10);
    CHECK_STATUS(pinot_tensor_create_from_memory(PINOT_DTYPE_STRING, &shape, data, NULL, 0, NULL, NULL, &t),
                 PINOT_STATUS_INVALID_ARGUMENT);
    int64_t strides[1] = {1};
    CHECK_STATUS(pinot_tensor_create_from_memory(PINOT_DTYPE_U4, &shape, data, strides, 0, NULL, NULL, &t),
                 PINOT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(pinot_tensor_create_from_memory(PINOT_DTYPE_F32, &shape, NULL, NULL, 0, NULL, NULL, &t),
                 PINOT_STATUS_INVALID_ARGUMENT);
}

static pinot_tensor_t * iota_f32(uint32_t rank, const int64_t * dims) {
    pinot_shape shape = make_shape(rank, dims);
    pinot_tensor_t * t = NULL;
    CHECK_OK(pinot_tensor_create(PINOT_DTYPE_F32, &shape, &t));
    float * x = pinot_tensor_get_data(t);
    for (uint64_t i = 0; i < pinot_tensor_get_size(t); i++) {
        x[i] = (float)i;
    }
    return t;
}

static void test_roi(void) {
    pinot_tensor_t * parent = iota_f32(2, (int64_t[]){4, 5});
    pinot_tensor_t * roi = NULL;
    CHECK_OK(pinot_tensor_create_roi(parent, (int64_t[]){1, 1}, (int64_t[]){3, 4}, &roi));
    const pinot_shape * shape = pinot_tensor_get_shape(roi);
    CHECK_EQ_INT(shape->dims[0], 2);
    CHECK_EQ_INT(shape->dims[1], 3);
    int64_t strides[2];
    CHECK_OK(pinot_tensor_get_strides(roi, strides));
    CHECK_EQ_INT(strides[0], 20);
    CHECK_EQ_INT(strides[1], 4);
    CHECK(!pinot_tensor_is_continuous(roi));
    CHECK(*(float *)pinot_tensor_get_data(roi) == 6.0f);
    /* Writes through the ROI land in the parent. */
    ((float *)pinot_tensor_get_data(roi))[1] = -1.0f;
    CHECK(((float *)pinot_tensor_get_data(parent))[7] == -1.0f);
    /* A dense copy of the ROI holds its elements in order. */
    pinot_tensor_t * copy = NULL;
    CHECK_OK(pinot_tensor_create(PINOT_DTYPE_F32, shape, &copy));
    CHECK_OK(pinot_tensor_copy_to(roi, copy));
    const float expected[6] = {6, -1, 8, 11, 12, 13};
    for (int i = 0; i < 6; i++) {
        CHECK(((float *)pinot_tensor_get_data(copy))[i] == expected[i]);
    }
    /* The ROI outlives its parent object. */
    pinot_tensor_free(parent);
    CHECK(*(float *)pinot_tensor_get_data(roi) == 6.0f);
    /* Shrinking a strided view keeps its strides; growing it fails. */
    pinot_shape smaller = make_shape(2, (int64_t[]){1, 2});
    pinot_shape larger = make_shape(2, (int64_t[]){3, 3});
    CHECK_OK(pinot_tensor_set_shape(roi, &smaller));
    CHECK_OK(pinot_tensor_get_strides(roi, strides));
    CHECK_EQ_INT(strides[0], 20);
    CHECK_STATUS(pinot_tensor_set_shape(roi, &larger), PINOT_STATUS_INVALID_ARGUMENT);
    pinot_tensor_free(roi);
    pinot_tensor_free(copy);
}

static void test_roi_continuous_rows(void) {
    pinot_tensor_t * parent = iota_f32(3, (int64_t[]){1, 4, 5});
    pinot_tensor_t * roi = NULL;
    CHECK_OK(pinot_tensor_create_roi(parent, (int64_t[]){0, 1, 0}, (int64_t[]){1, 3, 5}, &roi));
    CHECK(pinot_tensor_is_continuous(roi)); /* whole rows: dense */
    pinot_tensor_free(roi);
    pinot_tensor_free(parent);
}

static void test_roi_errors(void) {
    pinot_tensor_t * parent = iota_f32(2, (int64_t[]){4, 5});
    pinot_tensor_t * roi = NULL;
    CHECK_STATUS(pinot_tensor_create_roi(parent, (int64_t[]){0, 0}, (int64_t[]){5, 5}, &roi),
                 PINOT_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(pinot_last_error_message(), "out of range") != NULL);
    CHECK_STATUS(pinot_tensor_create_roi(parent, (int64_t[]){2, 0}, (int64_t[]){1, 5}, &roi),
                 PINOT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(pinot_tensor_create_roi(parent, (int64_t[]){-1, 0}, (int64_t[]){1, 5}, &roi),
                 PINOT_STATUS_INVALID_ARGUMENT);
    pinot_tensor_free(parent);
    pinot_shape shape = make_shape(1, (int64_t[]){16});
    pinot_tensor_t * packed = NULL;
    CHECK_OK(pinot_tensor_create(PINOT_DTYPE_U4, &shape, &packed));
    CHECK_STATUS(pinot_tensor_create_roi(packed, (int64_t[]){0}, (int64_t[]){8}, &roi), PINOT_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(pinot_last_error_message(), "bitwidths less then 8 bit") != NULL);
    int64_t strides[1];
    CHECK_STATUS(pinot_tensor_get_strides(packed, strides), PINOT_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(pinot_last_error_message(), "Could not get strides for types with bitwidths less then 8 bit") !=
          NULL);
    CHECK_EQ_INT(pinot_tensor_get_byte_size(packed), 8);
    pinot_tensor_free(packed);
}

static void test_owned_set_shape_reallocates_safely(void) {
    pinot_tensor_t * t = iota_f32(1, (int64_t[]){4});
    pinot_memory_t * old = pinot_tensor_get_memory(t);
    float * old_data = pinot_tensor_get_data(t);
    pinot_shape smaller = make_shape(2, (int64_t[]){1, 2});
    CHECK_OK(pinot_tensor_set_shape(t, &smaller));
    CHECK(pinot_tensor_get_data(t) == old_data); /* shrinking keeps the memory */
    pinot_shape bigger = make_shape(2, (int64_t[]){100, 100});
    CHECK_OK(pinot_tensor_set_shape(t, &bigger));
    CHECK_EQ_INT(pinot_tensor_get_size(t), 10000);
    CHECK(old_data[3] == 3.0f); /* the old block lives while referenced */
    pinot_memory_release(old);
    pinot_tensor_free(t);
}

static void test_copy_to_reshapes_and_checks_types(void) {
    pinot_tensor_t * src = iota_f32(2, (int64_t[]){2, 3});
    pinot_shape other = make_shape(1, (int64_t[]){1});
    pinot_tensor_t * dst = NULL, * ints = NULL;
    CHECK_OK(pinot_tensor_create(PINOT_DTYPE_F32, &other, &dst));
    CHECK_OK(pinot_tensor_copy_to(src, dst));
    CHECK(pinot_shape_equal(pinot_tensor_get_shape(src), pinot_tensor_get_shape(dst)));
    CHECK(((float *)pinot_tensor_get_data(dst))[5] == 5.0f);
    CHECK_OK(pinot_tensor_create(PINOT_DTYPE_I32, &other, &ints));
    CHECK_STATUS(pinot_tensor_copy_to(src, ints), PINOT_STATUS_INVALID_ARGUMENT);
    CHECK_STR(pinot_last_error_message(), "Tensor element types are not equal. (src: f32 != dst: i32)");
    CHECK_OK(pinot_tensor_copy_to(src, src));
    pinot_tensor_free(src);
    pinot_tensor_free(dst);
    pinot_tensor_free(ints);
}

static void test_copy_into_strided_destination(void) {
    /* Copy a dense 2x3 into the interior of a 4x5 through an ROI. */
    pinot_tensor_t * src = iota_f32(2, (int64_t[]){2, 3});
    pinot_shape big_shape = make_shape(2, (int64_t[]){4, 5});
    pinot_tensor_t * big = NULL, * roi = NULL;
    CHECK_OK(pinot_tensor_create(PINOT_DTYPE_F32, &big_shape, &big));
    memset(pinot_tensor_get_data(big), 0, 80);
    CHECK_OK(pinot_tensor_create_roi(big, (int64_t[]){1, 2}, (int64_t[]){3, 5}, &roi));
    CHECK_OK(pinot_tensor_copy_to(src, roi));
    const float * b = pinot_tensor_get_data(big);
    CHECK(b[7] == 0.0f && b[8] == 1.0f && b[9] == 2.0f && b[12] == 3.0f && b[14] == 5.0f && b[6] == 0.0f);
    pinot_tensor_free(src);
    pinot_tensor_free(roi);
    pinot_tensor_free(big);
}

static void test_strings(void) {
    pinot_shape shape = make_shape(1, (int64_t[]){3});
    pinot_tensor_t * t = NULL, * copy = NULL;
    CHECK_OK(pinot_tensor_create(PINOT_DTYPE_STRING, &shape, &t));
    CHECK_EQ_INT(pinot_tensor_get_byte_size(t), 96);
    const char * data;
    size_t size;
    CHECK_OK(pinot_tensor_get_string(t, 0, &data, &size));
    CHECK_EQ_INT(size, 0);
    CHECK_STR(data, "");
    CHECK_OK(pinot_tensor_set_string(t, 1, "a\0b", 3));
    CHECK_OK(pinot_tensor_set_string(t, 2, "hello", 5));
    CHECK_OK(pinot_tensor_set_string(t, 2, "bye", 3)); /* replaces, frees the old */
    CHECK_STATUS(pinot_tensor_set_string(t, 3, "x", 1), PINOT_STATUS_INVALID_ARGUMENT);
    /* Deep copy, into a tensor of another shape. */
    pinot_shape one = make_shape(1, (int64_t[]){1});
    CHECK_OK(pinot_tensor_create(PINOT_DTYPE_STRING, &one, &copy));
    CHECK_OK(pinot_tensor_copy_to(t, copy));
    pinot_tensor_free(t);
    CHECK_OK(pinot_tensor_get_string(copy, 1, &data, &size));
    CHECK_EQ_INT(size, 3);
    CHECK(memcmp(data, "a\0b", 3) == 0);
    CHECK_OK(pinot_tensor_get_string(copy, 2, &data, &size));
    CHECK_STR(data, "bye");
    /* Grow: new strings start empty. */
    pinot_shape five = make_shape(1, (int64_t[]){5});
    CHECK_OK(pinot_tensor_set_shape(copy, &five));
    CHECK_OK(pinot_tensor_get_string(copy, 4, &data, &size));
    CHECK_EQ_INT(size, 0);
    pinot_tensor_t * numbers = iota_f32(1, (int64_t[]){2});
    CHECK_STATUS(pinot_tensor_get_string(numbers, 0, &data, &size), PINOT_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(pinot_last_error_message(), "Tensor's type must be a string!") != NULL);
    pinot_tensor_free(numbers);
    pinot_tensor_free(copy);
}

static void test_packed_copy(void) {
    uint8_t bytes[3] = {0x12, 0x34, 0x56};
    pinot_shape shape = make_shape(1, (int64_t[]){5});
    pinot_tensor_t * ext = NULL, * dst = NULL;
    CHECK_OK(pinot_tensor_create_from_memory(PINOT_DTYPE_U4, &shape, bytes, NULL, sizeof(bytes), NULL, NULL, &ext));
    CHECK_EQ_INT(pinot_tensor_get_byte_size(ext), 3);
    CHECK_OK(pinot_tensor_create(PINOT_DTYPE_U4, &shape, &dst));
    CHECK_OK(pinot_tensor_copy_to(ext, dst));
    CHECK(memcmp(pinot_tensor_get_data(dst), bytes, 3) == 0);
    pinot_tensor_free(ext);
    pinot_tensor_free(dst);
}

TEST_MAIN(TEST(test_owned_tensor), TEST(test_empty_and_scalar), TEST(test_create_errors), TEST(test_external_memory),
          TEST(test_external_memory_errors_release), TEST(test_roi), TEST(test_roi_continuous_rows),
          TEST(test_roi_errors), TEST(test_owned_set_shape_reallocates_safely),
          TEST(test_copy_to_reshapes_and_checks_types), TEST(test_copy_into_strided_destination), TEST(test_strings),
          TEST(test_packed_copy))
