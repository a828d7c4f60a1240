/* Calls a model compiled by tqt-compile through its plain C API.
 *
 *   tqt-compile model.mlir -e classify --emit=staticlib -o libclassify.a \
 *       --header classify.h
 *   clang-22 main.c libclassify.a -lm -o classify
 *   ./classify
 */
#include "classify.h"

#include <stdio.h>

int main(void) {
  /* Two rows (the batch dimension is dynamic). */
  const float x[2][4] = {{0.5f, -0.25f, 1.0f, 0.125f},
                         {-1.0f, 0.75f, 0.3f, 1.9f}};
  const int64_t shape[2] = {2, 4};
  classify_results r;
  int rc = classify_run(&x[0][0], shape, &r);
  if (rc != 0) {
    fprintf(stderr, "input %d does not match the signature\n", rc - 1);
    return 1;
  }
  for (int64_t i = 0; i < r.result0_shape[0]; ++i) {
    printf("row %lld:", (long long)i);
    for (int64_t j = 0; j < r.result0_shape[1]; ++j)
      printf(" %g (code %u)", r.result0[i * 3 + j],
             (unsigned)(uint8_t)r.result1[i * 3 + j]);
    printf("\n");
  }
  classify_free_results(&r);

  /* A wrong static dimension is reported, not run. */
  const int64_t bad[2] = {2, 5};
  rc = classify_run(&x[0][0], bad, &r);
  printf("bad shape -> %d\n", rc);
  return rc == 1 ? 0 : 1;
}
