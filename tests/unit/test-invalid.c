/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-invalid.c: every bad scenario under tests/data/invalid/ is refused
 * with exactly the errors it should give (json-glib's tests/invalid.c
 * habit: one tiny file per failure kind, named for it).
 *
 * Each NAME.yaml is paired with NAME.err: a first line "# code: KIND"
 * (SYNTAX, SCHEMA or LIMIT) and then the expected message, one line per
 * error, "NAME.yaml:LINE:COL: error: text", in position order. The test
 * loads every .yaml with rl_scenario_load() from inside the directory, so
 * that messages carry the bare file name, and compares code and message
 * exactly. A .yaml without its .err, or an .err without its .yaml, fails.
 *
 * The directory comes from $RL_TEST_DATA (set by meson) or argv[1]: the
 * data directory, whose "invalid" subdirectory holds the files.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include <redline/error.h>
#include <redline/scenario.h>

static const char *const code_names[] = {
  [RL_ERROR_IO] = "IO",
  [RL_ERROR_SYNTAX] = "SYNTAX",
  [RL_ERROR_SCHEMA] = "SCHEMA",
  [RL_ERROR_LIMIT] = "LIMIT",
  [RL_ERROR_INVALID_ARGUMENT] = "INVALID_ARGUMENT",
  [RL_ERROR_TOO_LARGE] = "TOO_LARGE",
  [RL_ERROR_CANCELLED] = "CANCELLED",
};

static const char *
code_name (int code)
{
  if (code >= 0 && (gsize) code < G_N_ELEMENTS (code_names))
    return code_names[code];
  return "?";
}

static gboolean
has_suffix (const char *name, const char *suffix)
{
  return g_str_has_suffix (name, suffix) && strlen (name) > strlen (suffix);
}

/* "x.yaml" -> "x.err" and back. */
static char *
swap_suffix (const char *name, const char *from, const char *to)
{
  g_autofree char *stem = g_strndup (name, strlen (name) - strlen (from));
  g_assert (g_str_has_suffix (name, from));
  return g_strconcat (stem, to, NULL);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The files of the current directory that end in @suffix, sorted. */
static GPtrArray *
list_files (const char *suffix)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (".", 0, &error);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    fail_msg ("cannot list the invalid/ directory: %s", error->message);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (has_suffix (name, suffix))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

/* Reads NAME.err: the code from "# code: KIND" on the first line, the
 * message from the other lines, joined by newlines. */
static void
read_expected (const char *err_name, int *code, char **message)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  GString *out = g_string_new (NULL);
  guint n;

  if (!g_file_get_contents (err_name, &text, NULL, &error))
    fail_msg ("%s: %s (every .yaml needs its .err)", err_name, error->message);
  lines = g_strsplit (text, "\n", -1);
  n = g_strv_length (lines);
  while (n > 0 && lines[n - 1][0] == '\0')
    n--;       /* the final newline */
  if (n < 2 || !g_str_has_prefix (lines[0], "# code: "))
    fail_msg ("%s: the first line must be '# code: KIND', then the errors", err_name);
  *code = -1;
  for (guint c = 0; c < G_N_ELEMENTS (code_names); c++)
    if (strcmp (lines[0] + strlen ("# code: "), code_names[c]) == 0)
      *code = (int) c;
  if (*code < 0)
    fail_msg ("%s: unknown code '%s'", err_name, lines[0] + strlen ("# code: "));
  for (guint i = 1; i < n; i++)
    {
      if (i > 1)
        g_string_append_c (out, '\n');
      g_string_append (out, lines[i]);
    }
  *message = g_string_free (out, FALSE);
}

/* One table row per file: load it, expect the .err. */
static void
test_invalid_file (void **state)
{
  const char *yaml_name = *state;
  g_autofree char *err_name = swap_suffix (yaml_name, ".yaml", ".err");
  g_autofree char *expected = NULL;
  g_autoptr (GError) error = NULL;
  int code = -1;

  read_expected (err_name, &code, &expected);
  RlScenario *sc = rl_scenario_load (yaml_name, &error);
  if (sc != NULL)
    {
      rl_scenario_unref (sc);
      fail_msg ("%s loaded, but it should fail with:\n%s", yaml_name, expected);
    }
  assert_non_null (error);
  assert_true (error->domain == RL_ERROR);
  if (strcmp (error->message, expected) != 0)
    fail_msg ("%s: wrong message\n--- expected\n%s\n--- got\n%s", yaml_name, expected,
              error->message);
  if (error->code != code)
    fail_msg ("%s: code %s, expected %s", yaml_name, code_name (error->code), code_name (code));
}

/* Every .yaml has its .err and every .err its .yaml; and there are enough
 * of them to mean something. */
static void
test_pairs (void **state)
{
  g_autoptr (GPtrArray) yamls = list_files (".yaml");
  g_autoptr (GPtrArray) errs = list_files (".err");
  guint unpaired = 0;

  (void) state;
  for (guint i = 0; i < yamls->len; i++)
    {
      g_autofree char *err = swap_suffix (g_ptr_array_index (yamls, i), ".yaml", ".err");
      if (!g_file_test (err, G_FILE_TEST_EXISTS))
        {
          print_error ("%s has no %s\n", (char *) g_ptr_array_index (yamls, i), err);
          unpaired++;
        }
    }
  for (guint i = 0; i < errs->len; i++)
    {
      g_autofree char *yaml = swap_suffix (g_ptr_array_index (errs, i), ".err", ".yaml");
      if (!g_file_test (yaml, G_FILE_TEST_EXISTS))
        {
          print_error ("%s has no %s\n", (char *) g_ptr_array_index (errs, i), yaml);
          unpaired++;
        }
    }
  assert_int_equal (unpaired, 0);
  assert_true (yamls->len >= 40);
}

/* The billion laughs stop at the first alias over the node limit, long
 * before anything is expanded: well under a second (a guard against a
 * hang, not a speed claim). */
static void
test_billion_laughs_is_quick (void **state)
{
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  RlScenario *sc = rl_scenario_load ("billion-laughs.yaml", &error);
  gint64 elapsed = g_get_monotonic_time () - start;

  (void) state;
  assert_null (sc);
  assert_int_equal (error->code, RL_ERROR_LIMIT);
  if (elapsed >= G_USEC_PER_SEC)
    fail_msg ("billion-laughs.yaml took %.3f s to refuse", (double) elapsed / G_USEC_PER_SEC);
}

/* The size limit at its edge: a valid scenario padded with a comment to
 * exactly 16 MiB loads; one byte more is refused, quickly, before any
 * parsing. Both are generated here, not committed. */
static void
test_size_limit_edge (void **state)
{
  static const char head[] =
    "redline: 1\ntitle: Exactly 16 MiB\nissues:\n  a: {options: [x, y]}\nparties:\n  p: {}\n#";
  gsize len = RL_MAX_FILE_BYTES;
  g_autofree char *data = g_malloc (len + 1);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("redline-size-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "edge.yaml", NULL);

  (void) state;
  memcpy (data, head, strlen (head));
  memset (data + strlen (head), 'x', len - strlen (head) - 1);
  data[len - 1] = '\n';
  data[len] = '\n';
  assert_non_null (dir);
  assert_true (g_file_set_contents (path, data, (gssize) len, NULL));
  RlScenario *sc = rl_scenario_load (path, &error);
  assert_null (error);
  assert_non_null (sc);
  assert_string_equal (rl_scenario_get_title (sc), "Exactly 16 MiB");
  rl_scenario_unref (sc);

  /* 16 MiB + 1: refused by its size, in well under a second. */
  assert_true (g_file_set_contents (path, data, (gssize) len + 1, NULL));
  gint64 start = g_get_monotonic_time ();
  assert_null (rl_scenario_load (path, &error));
  gint64 elapsed = g_get_monotonic_time () - start;
  assert_int_equal (error->code, RL_ERROR_LIMIT);
  assert_true (g_str_has_suffix (error->message, ":1:1: error: the file is larger than 16 MiB"));
  if (elapsed >= G_USEC_PER_SEC)
    fail_msg ("a 16 MiB + 1 byte file took %.3f s to refuse", (double) elapsed / G_USEC_PER_SEC);
  g_unlink (path);
  g_rmdir (dir);
}

/* Failures that need no file of their own: size, and files that cannot
 * be read at all. */
static void
test_too_large (void **state)
{
  gsize len = RL_MAX_FILE_BYTES + 1;
  g_autofree char *data = g_malloc (len);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("redline-invalid-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.yaml", NULL);
  g_autofree char *expected = g_strdup_printf ("%s:1:1: error: the file is larger than 16 MiB", path);

  (void) state;
  memset (data, '#', len);
  assert_null (rl_scenario_load_from_data (data, len, "huge.yaml", &error));
  assert_int_equal (error->code, RL_ERROR_LIMIT);
  assert_string_equal (error->message, "huge.yaml:1:1: error: the file is larger than 16 MiB");
  g_clear_error (&error);

  assert_non_null (dir);
  assert_true (g_file_set_contents (path, data, (gssize) len, NULL));
  assert_null (rl_scenario_load (path, &error));
  assert_int_equal (error->code, RL_ERROR_LIMIT);
  assert_string_equal (error->message, expected);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_unreadable (void **state)
{
  g_autoptr (GError) error = NULL;

  (void) state;
  assert_null (rl_scenario_load ("no-such-file.yaml", &error));
  assert_int_equal (error->code, RL_ERROR_IO);
  assert_string_equal (error->message,
                       "no-such-file.yaml: error: cannot read the file: No such file or directory");
  g_clear_error (&error);
  assert_null (rl_scenario_load (".", &error));
  assert_int_equal (error->code, RL_ERROR_IO);
  assert_string_equal (error->message, ".: error: is a directory, not a scenario file");
}

int
main (int argc, char **argv)
{
  const char *data_dir = g_getenv ("RL_TEST_DATA");
  g_autofree char *invalid_dir = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GArray) tests = g_array_new (FALSE, TRUE, sizeof (struct CMUnitTest));
  const struct CMUnitTest fixed[] = {
    cmocka_unit_test (test_pairs),
    cmocka_unit_test (test_billion_laughs_is_quick),
    cmocka_unit_test (test_too_large),
    cmocka_unit_test (test_size_limit_edge),
    cmocka_unit_test (test_unreadable),
  };

  if (argc > 1)
    data_dir = argv[1];
  if (data_dir == NULL)
    {
      g_printerr ("usage: RL_TEST_DATA=tests/data %s (or: %s tests/data)\n", argv[0], argv[0]);
      return 1;
    }
  invalid_dir = g_build_filename (data_dir, "invalid", NULL);
  if (g_chdir (invalid_dir) != 0)
    {
      g_printerr ("%s: %s\n", invalid_dir, g_strerror (errno));
      return 1;
    }

  g_array_append_vals (tests, fixed, G_N_ELEMENTS (fixed));
  files = list_files (".yaml");
  for (guint i = 0; i < files->len; i++)
    {
      struct CMUnitTest t = {
        .name = g_ptr_array_index (files, i),
        .test_func = test_invalid_file,
        .initial_state = g_ptr_array_index (files, i),
      };
      g_array_append_val (tests, t);
    }
  return _cmocka_run_group_tests ("invalid", (const struct CMUnitTest *) (void *) tests->data,
                                  tests->len, NULL, NULL);
}
