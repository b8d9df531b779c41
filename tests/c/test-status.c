/* Status names and the per-thread error message. */
#include <pthread.h>

#include "pinot/pinot.h"
#include "test.h"

static void test_status_names(void) {
    CHECK_STR(pinot_status_string(PINOT_STATUS_OK), "ok");
    CHECK_STR(pinot_status_string(PINOT_STATUS_OUT_OF_MEMORY), "out of memory");
    CHECK_STR(pinot_status_string(PINOT_STATUS_CANCELLED), "cancelled");
    CHECK_STR(pinot_status_string(PINOT_STATUS_COUNT), "unknown status");
    CHECK_STR(pinot_status_string((pinot_status)-1), "unknown status");
    for (int s = 0; s < PINOT_STATUS_COUNT; s++) {
        CHECK(pinot_status_string((pinot_status)s)[0] != '\0');
    }
}

static void test_set_error_returns_status_and_formats(void) {
    CHECK_EQ_INT(pinot_set_error(PINOT_STATUS_PARSE_ERROR, "bad %s at %d", "field", 7), PINOT_STATUS_PARSE_ERROR);
    CHECK_STR(pinot_last_error_message(), "bad field at 7");
    pinot_clear_error();
    CHECK_STR(pinot_last_error_message(), "");
}

static void test_long_message_is_truncated(void) {
    char big[4096];
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    (void)pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "%s", big);
    CHECK_EQ_INT(strlen(pinot_last_error_message()), 1023);
}

static void * other_thread(void * arg) {
    (void)arg;
    /* A fresh thread sees no message, and its errors stay its own. */
    CHECK_STR(pinot_last_error_message(), "");
    (void)pinot_set_error(PINOT_STATUS_IO_ERROR, "thread error");
    return NULL;
}

static void test_message_is_per_thread(void) {
    (void)pinot_set_error(PINOT_STATUS_BUSY, "main error");
    pthread_t thread;
    CHECK_EQ_INT(pthread_create(&thread, NULL, other_thread, NULL), 0);
    pthread_join(thread, NULL);
    CHECK_STR(pinot_last_error_message(), "main error");
}

static void test_version(void) {
    CHECK_STR(pinot_get_version(), "2026.0.0");
}

TEST_MAIN(TEST(test_status_names), TEST(test_set_error_returns_status_and_formats), TEST(test_long_message_is_truncated),
          TEST(test_message_is_per_thread), TEST(test_version))
