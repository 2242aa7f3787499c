// Fixed-signature wrappers around libedit's variadic API (Swift cannot call
// C variadic functions) plus a few libc helpers that need C globals
// (stdin/stderr) or async-signal-safe code (signal handlers).
//
// NOTE: the `static` variables below get one copy per object file that uses
// them. In the LineEditing target every use of billsh_sigint_flag lives in a
// single Swift file (Interrupts.swift); keep it that way.
#ifndef BILLSH_CLIBEDIT_SHIM_H
#define BILLSH_CLIBEDIT_SHIM_H

#include <histedit.h>
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <wchar.h>
#include <sys/ioctl.h>
#include <poll.h>
#include <pthread.h>

// ---------------------------------------------------------------- EditLine

typedef char *(*billsh_prompt_fn)(EditLine *);
typedef unsigned char (*billsh_el_fn)(EditLine *, int);

/// el_init with stdin as input and stderr as both output and error stream,
/// so stdout can be redirected while editing still works.
static inline EditLine *billsh_el_init(const char *prog) {
  return el_init(prog, stdin, stderr, stderr);
}

/// Prompt with a literal-marker character: text between two `marker`
/// characters is printed as-is and does not count toward the prompt width.
static inline int billsh_el_set_prompt_esc(EditLine *el, billsh_prompt_fn fn, char marker) {
  return el_set(el, EL_PROMPT_ESC, fn, marker);
}

static inline int billsh_el_set_editor(EditLine *el, const char *mode) {
  return el_set(el, EL_EDITOR, mode);
}

static inline int billsh_el_addfn(EditLine *el, const char *name, const char *help, billsh_el_fn fn) {
  return el_set(el, EL_ADDFN, name, help, fn);
}

static inline int billsh_el_bind(EditLine *el, const char *key, const char *fname) {
  return el_set(el, EL_BIND, key, fname, (const char *)NULL);
}

static inline int billsh_el_set_hist(EditLine *el, History *h) {
  return el_set(el, EL_HIST, history, h);
}

static inline int billsh_el_set_clientdata(EditLine *el, void *data) {
  return el_set(el, EL_CLIENTDATA, data);
}

static inline void *billsh_el_get_clientdata(EditLine *el) {
  void *data = NULL;
  if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
  return data;
}

typedef int (*billsh_getc_fn)(EditLine *, wchar_t *);

/// EL_GETCFN: libedit reads each character through `fn` (1: a character, 0: end of input,
/// -1: an error in errno).
static inline int billsh_el_set_getcfn(EditLine *el, billsh_getc_fn fn) {
  return el_set(el, EL_GETCFN, fn);
}

static inline int billsh_el_set_signal(EditLine *el, int on) {
  return el_set(el, EL_SIGNAL, on);
}

/// One EL_SETTY call with one mode selector and one setting, e.g.
/// ("-d", "-isig"): in edit mode, turn off signal-generating characters.
static inline int billsh_el_setty(EditLine *el, const char *mode, const char *setting) {
  return el_set(el, EL_SETTY, mode, setting, (const char *)NULL);
}

/// EL_PREP_TERM: 1 puts the terminal in editing (raw) mode now, 0 back to
/// cooked mode. el_gets restores cooked mode itself when it returns.
static inline int billsh_el_prep_term(EditLine *el, int on) {
  return el_set(el, EL_PREP_TERM, on);
}

static inline int billsh_el_refresh(EditLine *el) {
  return el_set(el, EL_REFRESH);
}

static inline int billsh_el_get_editmode(EditLine *el) {
  int on = 0;
  if (el_get(el, EL_EDITMODE, &on) != 0) return 0;
  return on;
}

/// Byte offsets into el_line(): [0] cursor, [1] end of line.
static inline int billsh_el_line_offsets(EditLine *el, const char **buffer, int *cursor, int *end) {
  const LineInfo *li = el_line(el);
  if (li == NULL) return -1;
  *buffer = li->buffer;
  *cursor = (int)(li->cursor - li->buffer);
  *end = (int)(li->lastchar - li->buffer);
  return 0;
}

// ----------------------------------------------------------------- History

static inline int billsh_history_setsize(History *h, int size) {
  HistEvent ev; return history(h, &ev, H_SETSIZE, size);
}
static inline int billsh_history_setunique(History *h, int on) {
  HistEvent ev; return history(h, &ev, H_SETUNIQUE, on);
}
static inline int billsh_history_enter(History *h, const char *line) {
  HistEvent ev; return history(h, &ev, H_ENTER, line);
}
static inline int billsh_history_load(History *h, const char *path) {
  HistEvent ev; return history(h, &ev, H_LOAD, path);
}
static inline int billsh_history_save(History *h, const char *path) {
  HistEvent ev; return history(h, &ev, H_SAVE, path);
}
static inline int billsh_history_clear(History *h) {
  HistEvent ev; return history(h, &ev, H_CLEAR);
}
static inline int billsh_history_getsize(History *h) {
  HistEvent ev;
  if (history(h, &ev, H_GETSIZE) != 0) return 0;
  return ev.num;
}
/// op is H_FIRST, H_LAST, H_NEXT or H_PREV; returns the entry text or NULL.
static inline const char *billsh_history_step(History *h, int op) {
  HistEvent ev;
  if (history(h, &ev, op) != 0) return NULL;
  return ev.str;
}
static inline int billsh_H_FIRST(void) { return H_FIRST; }
static inline int billsh_H_LAST(void) { return H_LAST; }
static inline int billsh_H_NEXT(void) { return H_NEXT; }
static inline int billsh_H_PREV(void) { return H_PREV; }

// ----------------------------------------------------------------- Signals

/// Installs `handler` for SIGINT WITHOUT SA_RESTART (blocking calls return
/// EINTR). Returns 0 on success.
/// NB: the flag the handler sets lives in Swift (LineEditing/Interrupts.swift):
/// a `static` variable here would be copied into every object file using it.
static inline int billsh_install_sigint(void (*handler)(int)) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;
  int r = sigaction(SIGINT, &sa, NULL);
  // A parent may have started billsh with SIGINT blocked (it is inherited): Ctrl-C must work.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  (void)pthread_sigmask(SIG_UNBLOCK, &set, NULL);
  return r;
}

/// Installs `handler` for SIGWINCH with SA_RESTART (a resize does not disturb a running
/// command; poll(2) still returns EINTR). Returns 0 on success.
static inline int billsh_install_sigwinch(void (*handler)(int)) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  return sigaction(SIGWINCH, &sa, NULL);
}

// ------------------------------------------------------- Hangups (SIGHUP, SIGTERM)

/// Blocks SIGHUP and SIGTERM in the calling thread and the threads it starts afterwards, so
/// that only `billsh_wait_hangup` receives them. Returns 0 on success.
static inline int billsh_block_hangups(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGHUP);
  sigaddset(&set, SIGTERM);
  return pthread_sigmask(SIG_BLOCK, &set, NULL);
}

/// Unblocks SIGHUP and SIGTERM (a parent may have started billsh with them blocked), so that
/// they end billsh as they should outside the shell.
static inline int billsh_unblock_hangups(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGHUP);
  sigaddset(&set, SIGTERM);
  return pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

/// Waits until SIGHUP or SIGTERM arrives (both blocked by `billsh_block_hangups`); returns it.
static inline int billsh_wait_hangup(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGHUP);
  sigaddset(&set, SIGTERM);
  int sig = 0;
  while (sigwait(&set, &sig) != 0) {}
  return sig;
}

// ------------------------------------------------------------------ Misc

/// A static empty C string (fallback prompt).
static inline char *billsh_empty_string(void) {
  static char empty[1] = {0};
  return empty;
}


static inline int billsh_isatty(int fd) { return isatty(fd); }

/// setlocale(LC_CTYPE, "") and fall back to C.UTF-8 when the codeset is not
/// UTF-8. Returns 1 when the final codeset is UTF-8.
static inline int billsh_ensure_utf8_locale(void) {
  setlocale(LC_CTYPE, "");
  const char *cs = nl_langinfo(CODESET);
  if (cs != NULL && strcmp(cs, "UTF-8") == 0) return 1;
  if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) setlocale(LC_CTYPE, "C.utf8");
  cs = nl_langinfo(CODESET);
  return (cs != NULL && strcmp(cs, "UTF-8") == 0) ? 1 : 0;
}

/// Terminal columns of fd, or 0 if unknown.
static inline int billsh_terminal_columns(int fd) {
  struct winsize ws;
  if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return 0;
  return (int)ws.ws_col;
}

/// Terminal rows of fd, or 0 if unknown.
static inline int billsh_terminal_rows(int fd) {
  struct winsize ws;
  if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return 0;
  return (int)ws.ws_row;
}

/// Column width of one Unicode scalar (wcwidth), -1 if not printable.
static inline int billsh_wcwidth(unsigned int scalar) {
  return wcwidth((wchar_t)scalar);
}

/// Writes bytes to stderr and flushes it.
static inline void billsh_write_stderr(const char *text) {
  fputs(text, stderr);
  fflush(stderr);
}

#endif
