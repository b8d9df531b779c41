/* A tiny unit-test harness for the C tests: CHECK macros that count and report
 * failures without stopping, and TEST_MAIN, which runs the test functions and
 * prints "N passed, N failed" (counting checks) on its last line. The exit status
 * is nonzero when any check failed.
 *
 *     static void test_add(void) { CHECK_EQ_INT(1 + 1, 2); }
 *     TEST_MAIN(TEST(test_add))
 */
#ifndef PINOT_TEST_H
#define PINOT_TEST_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "pinot/status.h"

typedef struct test_case {
    const char * name;
    void (*fn)(void);
} test_case;

static int test_checks_passed;
static int test_checks_failed;

static inline void test_record(bool ok, const char * file, int line, const char * what) {
    if (ok) {
        test_checks_passed++;
        return;
    }
    test_checks_failed++;
    fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
}

/* Any condition. */
#define CHECK(cond) test_record((cond) ? true : false, __FILE__, __LINE__, #cond)

/* Integers (any integer type up to 64 bits), printed on failure. */
#define CHECK_EQ_INT(actual, expected)                                                                      \
    do {                                                                                                  \
        long long test_a_ = (long long)(actual);                                                         \
        long long test_e_ = (long long)(expected);                                                       \
        test_record(test_a_ == test_e_, __FILE__, __LINE__, #actual " == " #expected);                   \
        if (test_a_ != test_e_) {                                                                         \
            fprintf(stderr, "    got %lld, expected %lld\n", test_a_, test_e_);                           \
        }                                                                                                 \
    } while (0)

/* Strings; NULL equals only NULL. */
#define CHECK_STR(actual, expected)                                                                          \
    do {                                                                                                  \
        const char * test_a_ = (actual);                                                                  \
        const char * test_e_ = (expected);                                                                \
        bool test_ok_ = (test_a_ == NULL || test_e_ == NULL) ? test_a_ == test_e_ : strcmp(test_a_, test_e_) == 0; \
        test_record(test_ok_, __FILE__, __LINE__, #actual " == " #expected);                              \
        if (!test_ok_) {                                                                                  \
            fprintf(stderr, "    got \"%s\", expected \"%s\"\n", test_a_ ? test_a_ : "(null)",                \
                    test_e_ ? test_e_ : "(null)");                                                        \
        }                                                                                                 \
    } while (0)

/* A pinot_status, with this thread's error message shown on failure. */
#define CHECK_STATUS(actual, expected)                                                                       \
    do {                                                                                                  \
        pinot_status test_a_ = (actual);                                                                  \
        pinot_status test_e_ = (expected);                                                                \
        test_record(test_a_ == test_e_, __FILE__, __LINE__, #actual " returns " #expected);               \
        if (test_a_ != test_e_) {                                                                         \
            fprintf(stderr, "    got %s (%s), expected %s\n", pinot_status_string(test_a_),               \
                    pinot_last_error_message(), pinot_status_string(test_e_));                            \
        }                                                                                                 \
    } while (0)

#define CHECK_OK(actual) CHECK_STATUS(actual, PINOT_STATUS_OK)

/* Labels the failures of table-driven checks with the row at hand. */
#define TEST_ROW(fmt, ...)                                                                                  \
    do {                                                                                                  \
        if (test_checks_failed != test_row_failed_) {                                                     \
            fprintf(stderr, "    in row: " fmt "\n", __VA_ARGS__);                                        \
        }                                                                                                 \
    } while (0)
#define TEST_ROW_BEGIN() int test_row_failed_ = test_checks_failed

#define TEST(fn) {#fn, fn}

static inline int test_run(const test_case * cases, size_t n_cases) {
    for (size_t i = 0; i < n_cases; i++) {
        int failed_before = test_checks_failed;
        cases[i].fn();
        int failed = test_checks_failed - failed_before;
        if (failed > 0) {
            printf("FAIL %s (%d failed checks)\n", cases[i].name, failed);
        } else {
            printf("ok   %s\n", cases[i].name);
        }
    }
    printf("%d passed, %d failed\n", test_checks_passed, test_checks_failed);
    return test_checks_failed != 0;
}

#define TEST_MAIN(...)                                                                                       \
    int main(void) {                                                                                      \
        static const test_case test_cases_[] = {__VA_ARGS__};                                            \
        return test_run(test_cases_, sizeof(test_cases_) / sizeof(test_cases_[0]));                      \
    }

#endif // PINOT_TEST_H
