import CLibEdit
import Platform

/// A line source that edits lines with libedit on the terminal (stdin for
/// input, stderr for the editing display so stdout can be redirected).
///
/// When stdin or stderr is not a terminal it does not use libedit: it reads
/// plain lines from stdin (invalid UTF-8 becomes U+FFFD) and prints the plain
/// prompt to stderr only when stdin is a terminal.
package final class LibEditLineSource: LineSource {
  /// Set once if the history file was unreadable or corrupt; the caller
  /// prints it once. History then stays in memory and is not saved over the
  /// unreadable file.
  package private(set) var historyWarning: String?

  private let historyPath: String?
  private let colour: Bool
  private let completer: (String) -> TabCompletion
  private var history: OpaquePointer?
  private var editLine: OpaquePointer?
  private var promptBuffer: UnsafeMutablePointer<CChar>?
  /// Columns the prompt takes (its plain text), to find the line's first row after a resize.
  private var promptWidth = 0
  private var savingDisabled = false

  // State shared with the C callbacks (reached through EL_CLIENTDATA).
  fileprivate var interrupted = false
  fileprivate var lastTab: TabState?
  /// Bytes read from the terminal but not yet given to libedit (see `readCharacter`).
  private var pendingBytes: [UInt8] = []

  /// The key that redraws the line (bound to ed-redisplay); `readCharacter` types it after a
  /// window resize.
  static let redrawKey: [UInt8] = [0x18, 0x12]  // Ctrl-X Ctrl-R

  /// The literal-marker character of EL_PROMPT_ESC.
  static let promptMarker: Character = "\u{01}"

  /// historyFile: where history persists (created with parent folders when
  /// saved); historyLimit: max entries kept; colour: whether to use
  /// `styled`; completer: called on Tab with the text before the cursor.
  package init(
    program: String, historyFile: String?, historyLimit: Int = 1000, colour: Bool,
    completer: @escaping (String) -> TabCompletion
  ) {
    Terminal.ensureUTF8Locale()
    self.historyPath = historyFile.map(LibEditLineSource.expandTilde)
    self.colour = colour
    self.completer = completer

    history = history_init()
    if let history {
      _ = billsh_history_setsize(history, Int32(clamping: max(1, historyLimit)))
      _ = billsh_history_setunique(history, 1)
    }
    loadHistory()

    if Terminal.isTerminal(0) && Terminal.isTerminal(2) {
      editLine = program.withCString { billsh_el_init($0) }
    }
    if let el = editLine {
      configure(el)
      Resizes.install()
    }
  }

  deinit {
    if let el = editLine { el_end(el) }
    if let history { history_end(history) }
    free(promptBuffer)
  }

  // MARK: - LineSource

  package func readLine(prompt: Prompt) -> LineReadResult {
    guard let el = editLine else { return readPlainLine(prompt: prompt) }
    promptWidth = Terminal.displayWidth(LibEditLineSource.stripMarkers(prompt.plain))
    setPrompt(
      colour
        ? LibEditLineSource.markEscapes(prompt.styled)
        : LibEditLineSource.stripMarkers(prompt.plain))
    interrupted = false
    lastTab = nil
    var count: Int32 = 0
    // Editing mode BEFORE the prompt is drawn: el_gets itself switches only
    // when it first reads, so a key typed just after the prompt appeared
    // would meet the cooked terminal (Ctrl-D lost, Ctrl-C a signal).
    _ = billsh_el_prep_term(el, 1)
    errno = 0
    let result = el_gets(el, &count)
    let readErrno = errno
    if interrupted {
      interrupted = false
      return .interrupted
    }
    guard let result else {
      billsh_write_stderr("\n")
      if count < 0 && readErrno == EINTR { return .interrupted }
      return .end
    }
    var line = String(cString: result)
    while line.hasSuffix("\n") || line.hasSuffix("\r") || line.hasSuffix("\r\n") {
      line.removeLast()
    }
    return .line(line)
  }

  package func addHistory(_ line: String) {
    guard let history else { return }
    let trimmed = HistoryText.trim(line)
    guard !trimmed.isEmpty else { return }
    _ = trimmed.withCString { billsh_history_enter(history, $0) }
    save()
  }

  package var historyLines: [String] {
    guard let history else { return [] }
    var lines: [String] = []
    var entry = billsh_history_step(history, billsh_H_LAST())
    while let e = entry {
      lines.append(String(cString: e))
      entry = billsh_history_step(history, billsh_H_PREV())
    }
    return lines
  }

  /// Writes history to the history file: a temporary file in the same folder
  /// is written, then renamed over the old one. Never throws; on failure the
  /// old file stays as it was.
  package func save() {
    guard let path = historyPath, let history, !savingDisabled else { return }
    let folder = LibEditLineSource.parentFolder(path)
    if !folder.isEmpty {
      LibEditLineSource.makeFolders(folder)
    }
    let temp = path + ".tmp-\(getpid())"
    let written = temp.withCString { billsh_history_save(history, $0) }
    var info = stat()
    guard written >= 0, stat(temp, &info) == 0, info.st_size > 0 else {
      unlink(temp)
      return
    }
    if rename(temp, path) != 0 {
      unlink(temp)
    }
  }

  // MARK: - Setup

  private func configure(_ el: OpaquePointer) {
    _ = billsh_el_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
    _ = billsh_el_set_editor(el, "emacs")
    // libedit handles SIGWINCH (el_resize; `readCharacter` then redraws the
    // line), SIGTSTP/SIGCONT and restores the terminal on SIGTERM/SIGHUP while
    // a line is being edited.
    _ = billsh_el_set_signal(el, 1)
    // Ctrl-C while editing is a key (bound below), not a signal: the first
    // press ends the line at once (a SIGINT would only interrupt the second
    // read, because libedit retries a read that failed with EINTR once).
    _ = billsh_el_setty(el, "-d", "-isig")
    _ = billsh_el_set_prompt_esc(
      el,
      { el in
        guard let el, let data = billsh_el_get_clientdata(el) else {
          return billsh_empty_string()
        }
        let source = Unmanaged<LibEditLineSource>.fromOpaque(data).takeUnretainedValue()
        return source.promptBuffer ?? billsh_empty_string()
      }, CChar(1))
    if let history { _ = billsh_el_set_hist(el, history) }

    _ = billsh_el_addfn(
      el, "billsh-complete", "Complete the word before the cursor",
      { el, _ in
        guard let el, let data = billsh_el_get_clientdata(el) else { return UInt8(CC_ERROR) }
        return Unmanaged<LibEditLineSource>.fromOpaque(data).takeUnretainedValue().complete(el)
      })
    _ = billsh_el_addfn(
      el, "billsh-interrupt", "Abandon the line (Ctrl-C)",
      { el, _ in
        guard let el, let data = billsh_el_get_clientdata(el) else { return UInt8(CC_ERROR) }
        return Unmanaged<LibEditLineSource>.fromOpaque(data).takeUnretainedValue().interrupt(el)
      })
    _ = billsh_el_addfn(
      el, "billsh-search", "Search the history backwards (Ctrl-R)",
      { el, _ in
        guard let el, let data = billsh_el_get_clientdata(el) else { return UInt8(CC_ERROR) }
        return Unmanaged<LibEditLineSource>.fromOpaque(data).takeUnretainedValue().search(el)
      })
    _ = billsh_el_bind(el, "^I", "billsh-complete")
    _ = billsh_el_bind(el, "^C", "billsh-interrupt")
    _ = billsh_el_bind(el, "^R", "billsh-search")
    _ = billsh_el_bind(el, "^X^R", "ed-redisplay")
    _ = billsh_el_set_getcfn(
      el,
      { el, out in
        guard let el, let out, let data = billsh_el_get_clientdata(el) else { return -1 }
        return Unmanaged<LibEditLineSource>.fromOpaque(data).takeUnretainedValue()
          .readCharacter(el, out)
      })
  }

  private func setPrompt(_ text: String) {
    free(promptBuffer)
    promptBuffer = strdup(text)
  }

  // MARK: - History file

  private func loadHistory() {
    guard let path = historyPath, let history else { return }
    var info = stat()
    guard stat(path, &info) == 0 else {
      if errno == ENOENT || errno == ENOTDIR { return }  // no history yet
      disableHistoryFile("cannot read history file \(path): \(String(cString: strerror(errno)))")
      return
    }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      disableHistoryFile("cannot read history file \(path): it is a folder")
      return
    }
    // NB: a FIFO would block the shell before its first prompt, a device could be endless.
    if (info.st_mode & S_IFMT) != S_IFREG {
      disableHistoryFile(
        "cannot read history file \(path): not a regular file (a device, FIFO or socket)")
      return
    }
    guard let file = fopen(path, "r") else {
      disableHistoryFile("cannot read history file \(path): \(String(cString: strerror(errno)))")
      return
    }
    var header = [CChar](repeating: 0, count: 16)
    let got = fread(&header, 1, 13, file)
    fclose(file)
    if got == 0 { return }  // empty file: nothing to load
    let cookie = Array("_HiStOrY_V2_\n".utf8).map { CChar(bitPattern: $0) }
    guard got == 13, Array(header[0..<13]) == cookie else {
      disableHistoryFile("history file \(path) is not a billsh history file; it is left alone")
      return
    }
    if path.withCString({ billsh_history_load(history, $0) }) < 0 {
      _ = billsh_history_clear(history)
      disableHistoryFile("history file \(path) is damaged; it is left alone")
    }
  }

  private func disableHistoryFile(_ message: String) {
    historyWarning = message + " (history is not saved this session)"
    savingDisabled = true
  }

  private static func expandTilde(_ path: String) -> String {
    guard path == "~" || path.hasPrefix("~/"),
      let rawHome = getenv("HOME")
    else { return path }
    let home = String(cString: rawHome)
    guard !home.isEmpty else { return path }
    return home + path.dropFirst()
  }

  /// The path without its last component, like NSString's
  /// `deletingLastPathComponent`: "a/b/c" -> "a/b", "/c" -> "/", "c" -> "",
  /// trailing slashes ignored.
  static func parentFolder(_ path: String) -> String {
    var scalars = Array(path.unicodeScalars)
    while scalars.count > 1 && scalars.last == "/" { scalars.removeLast() }
    guard let slash = scalars.lastIndex(of: "/") else { return "" }
    var end = slash
    while end > 0 && scalars[end - 1] == "/" { end -= 1 }
    if end == 0 { return "/" }
    var out = String.UnicodeScalarView()
    out.append(contentsOf: scalars[..<end])
    return String(out)
  }

  /// `mkdir -p`: creates `folder` and any missing parents (mode 0777 less the
  /// umask, like FileManager.createDirectory). Failures are ignored; saving
  /// then fails and leaves the old history file alone.
  static func makeFolders(_ folder: String) {
    var info = stat()
    if stat(folder, &info) == 0 { return }
    let scalars = Array(folder.unicodeScalars)
    var prefix = String.UnicodeScalarView()
    for (i, c) in scalars.enumerated() {
      prefix.append(c)
      let atEnd = i == scalars.count - 1
      guard atEnd || (scalars[i + 1] == "/" && c != "/") else { continue }
      let partial = String(prefix)
      if stat(partial, &info) == 0 { continue }
      if mkdir(partial, 0o777) != 0 && errno != EEXIST { return }
    }
  }

  // MARK: - Without libedit

  private func readPlainLine(prompt: Prompt) -> LineReadResult {
    if Terminal.isTerminal(0) {
      billsh_write_stderr(LibEditLineSource.stripMarkers(prompt.plain))
    }
    guard let line = Swift.readLine(strippingNewline: true) else { return .end }
    return .line(line.hasSuffix("\r") ? String(line.dropLast()) : line)
  }

  // MARK: - Prompt escapes

  /// Wraps escape sequences in the EL_PROMPT_ESC marker so they do not
  /// count toward the prompt width.
  ///
  /// libedit glues each marked region to the visible character after it
  /// (prompt_print + re_putliteral): two regions in a row lose the marker
  /// between them (the second escape is then drawn as text, e.g. "[2m") and a
  /// region at the very end is dropped together with the rest of the prompt.
  /// So adjacent sequences share one region, and a region that nothing
  /// visible follows is left out.
  static func markEscapes(_ text: String) -> String {
    let marker: Unicode.Scalar = "\u{01}"
    var out = String.UnicodeScalarView()
    var region = String.UnicodeScalarView()
    for (isEscape, piece) in escapePieces(text) {
      if isEscape {
        region.append(contentsOf: piece)
      } else {
        if !region.isEmpty {
          out.append(marker)
          out.append(contentsOf: region)
          out.append(marker)
          region = String.UnicodeScalarView()
        }
        out.append(contentsOf: piece)
      }
    }
    return String(out)
  }

  /// `text` cut into escape sequences (true) and visible scalars (false);
  /// marker characters already in the text are dropped.
  private static func escapePieces(_ text: String) -> [(Bool, [Unicode.Scalar])] {
    let marker: Unicode.Scalar = "\u{01}"
    let scalars = Array(text.unicodeScalars)
    var out: [(Bool, [Unicode.Scalar])] = []
    var i = 0
    while i < scalars.count {
      let c = scalars[i]
      if c == marker { i += 1; continue }
      guard c == "\u{1B}" else {
        out.append((false, [c]))
        i += 1
        continue
      }
      var j = i + 1
      if j < scalars.count && scalars[j] == "[" {  // CSI ... final byte
        j += 1
        while j < scalars.count && !(0x40...0x7E).contains(scalars[j].value) { j += 1 }
        j = min(j + 1, scalars.count)
      } else if j < scalars.count && scalars[j] == "]" {  // OSC ... BEL or ESC \
        j += 1
        while j < scalars.count && scalars[j] != "\u{07}" && scalars[j] != "\u{1B}" { j += 1 }
        if j < scalars.count && scalars[j] == "\u{1B}" { j += 1 }
        j = min(j + 1, scalars.count)
      } else {
        j = min(j + 1, scalars.count)
      }
      out.append((true, Array(scalars[i..<j])))
      i = j
    }
    return out
  }

  static func stripMarkers(_ text: String) -> String {
    guard text.unicodeScalars.contains("\u{01}") else { return text }
    var out = String.UnicodeScalarView()
    out.append(contentsOf: text.unicodeScalars.lazy.filter { $0 != "\u{01}" })
    return String(out)
  }

  // MARK: - Reading keys

  /// libedit's character reader (EL_GETCFN), as its built-in one (one UTF-8 character from
  /// stdin; invalid bytes dropped; a read interrupted twice is an error) with two additions:
  ///
  /// - A window resize redraws the line: libedit only records the new size (`el_resize`), so
  ///   the reader types `redrawKey`, which is bound to ed-redisplay.
  /// - An arrow or other escape sequence ends an incremental search (Ctrl-R) and then does
  ///   what it does. NB: the search ends on ESC and drops it, so the rest of the sequence
  ///   ("[C" for Right) would be typed into the line; the whole key is read again after it.
  fileprivate func readCharacter(_ el: OpaquePointer, _ out: UnsafeMutablePointer<wchar_t>)
    -> Int32
  {
    var bytes: [UInt8] = []
    var retried = false
    var resize = false
    while true {
      var byte: UInt8 = 0
      if !pendingBytes.isEmpty {
        byte = pendingBytes.removeFirst()
      } else {
        // NB: a resize seen before waiting counts too (the signal may come while a key is
        // handled), and the wait wakes every 100 ms to look, so no resize waits for a key.
        if resize || Resizes.take() {
          resize = false
          // NB: not during a search: any key but its own ends it.
          if bytes.isEmpty && !isSearching(el) {
            redrawAfterResize(el)
          } else {
            el_resize(el)
          }
        }
        var fds = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        let ready = poll(&fds, 1, 100)
        if ready == 0 { continue }
        let n = ready < 0 ? -1 : read(0, &byte, 1)
        if n == 0 {
          out.pointee = 0
          return 0
        }
        if n < 0 {
          let e = errno
          if e == EINTR && Resizes.take() {
            resize = true
            continue
          }
          if e == EAGAIN { continue }
          if e == EINTR && !retried {
            retried = true
            continue
          }
          errno = e
          out.pointee = 0
          return -1
        }
      }
      bytes.append(byte)
      while true {
        var state = mbstate_t()
        var wc: wchar_t = 0
        let used = bytes.withUnsafeBufferPointer { b in
          b.withMemoryRebound(to: CChar.self) { mbrtowc(&wc, $0.baseAddress, $0.count, &state) }
        }
        if used == -2 {  // incomplete: read another byte
          if bytes.count >= 16 {
            errno = EILSEQ
            out.pointee = 0
            return -1
          }
          break
        }
        if used == -1 {  // invalid: keep only the last byte, if it is not the only one
          if bytes.count > 1 {
            bytes = [bytes[bytes.count - 1]]
            continue
          }
          bytes = []
          break
        }
        if wc == 0x1B && isSearching(el) {
          let key = escapeSequenceRest()
          pendingBytes = (key.first == 0x5B || key.first == 0x4F ? [0x1B] : []) + key + pendingBytes
        }
        out.pointee = wc
        return 1
      }
    }
  }

  /// Ctrl-R: a reverse search through the history that says what it is, as bash's does:
  /// `(reverse search) 'ann': login ann` in place of the prompt and the line.
  ///
  /// Typing narrows the search, Backspace widens it, Ctrl-R finds the next older match, Enter
  /// runs the match, Ctrl-G or Ctrl-C gives the line back as it was, and any other key (an
  /// arrow, Ctrl-A, Ctrl-E, Esc) keeps the match in the line for editing and then does what it
  /// does. NB: libedit's own search shows only `bck:` and the pattern below the line.
  fileprivate func search(_ el: OpaquePointer) -> UInt8 {
    let original = currentLine(el).map { String(decoding: $0.line, as: UTF8.self) } ?? ""
    let lines = Array(historyLines.reversed())  // newest first
    var pattern = ""
    var found: Int? = nil
    var failed = false
    /// The newest match at or after `start` (counting back in time).
    func find(from start: Int) -> Int? {
      guard !pattern.isEmpty else { return nil }
      return lines.indices.dropFirst(start).first { lines[$0].contains(pattern) }
    }
    moveToLineStart(el)
    func draw() {
      let columns = max(10, Terminal.columns(2) ?? 80)
      let head =
        failed ? "(failed reverse search) '\(pattern)': " : "(reverse search) '\(pattern)': "
      var text = head + (found.map { lines[$0] } ?? "")
      // NB: one row, so redrawing it is a carriage return and a clear to the end of the row.
      while Terminal.displayWidth(text) > columns - 1 { text.removeLast() }
      billsh_write_stderr("\r\u{1b}[K" + text)
    }
    func finish(with line: String) {
      billsh_write_stderr("\r\u{1b}[K")
      if let state = currentLine(el) {
        let after = String(decoding: state.line[state.cursor...], as: UTF8.self)
        if !after.isEmpty { _ = el_cursor(el, Int32(clamping: after.unicodeScalars.count)) }
        let all = String(decoding: state.line, as: UTF8.self).unicodeScalars.count
        if all > 0 { el_deletestr(el, Int32(clamping: all)) }
      }
      if !line.isEmpty { _ = line.withCString { el_insertstr(el, $0) } }
      // The cursor on the match, as the search left it (an arrow then moves from there).
      if !pattern.isEmpty, let at = line.firstRange(of: pattern) {
        let back = line[at.lowerBound...].unicodeScalars.count
        _ = el_cursor(el, -Int32(clamping: back))
      }
      // NB: the cursor is where the prompt starts, on a cleared row; libedit draws it all there.
      _ = billsh_el_refresh(el)
    }
    draw()
    while true {
      var key: wchar_t = 0
      guard el_wgetc(el, &key) == 1 else {
        finish(with: original)
        return UInt8(CC_NORM)
      }
      switch key {
      case 0x0D, 0x0A:  // Enter: run the match
        finish(with: found.map { lines[$0] } ?? original)
        el_push(el, "\n")  // ed-newline: moves below the line and ends el_gets
        return UInt8(CC_NORM)
      case 0x07, 0x03:  // Ctrl-G, Ctrl-C: the line as it was
        finish(with: original)
        return UInt8(CC_NORM)
      case 0x12:  // Ctrl-R: the next older match
        if let f = found, let next = find(from: f + 1) {
          found = next; failed = false
        } else {
          failed = !pattern.isEmpty
        }
      case 0x7F, 0x08:  // Backspace
        if !pattern.isEmpty { pattern.removeLast() }
        found = find(from: 0)
        failed = !pattern.isEmpty && found == nil
      default:
        if key >= 0x20 && key != 0x7F, let scalar = Unicode.Scalar(UInt32(key)) {
          pattern.unicodeScalars.append(scalar)
          if let next = find(from: found ?? 0) {
            found = next; failed = false
          } else {
            failed = true
          }
        } else {
          // Any other key keeps the match for editing, then acts.
          finish(with: found.map { lines[$0] } ?? original)
          var rest: [wchar_t] = [key, 0]
          if key == 0x1B { rest = [key] + escapeSequenceRest().map { wchar_t($0) } + [0] }
          el_wpush(el, &rest)
          return UInt8(CC_NORM)
        }
      }
      draw()
    }
  }

  /// Moves the cursor to where the prompt starts and clears from there to the end of the
  /// screen (the line may run over several rows).
  private func moveToLineStart(_ el: OpaquePointer) {
    let columns = max(1, Terminal.columns(2) ?? 80)
    var before = promptWidth
    if let state = currentLine(el) {
      before += Terminal.displayWidth(String(decoding: state.line[..<state.cursor], as: UTF8.self))
    }
    let up = before / columns
    billsh_write_stderr("\r" + (up > 0 ? "\u{1b}[\(up)A" : "") + "\u{1b}[J")
  }

  /// Draws the prompt and the line again for the terminal's new width, where they were, with
  /// nothing left of the old drawing.
  ///
  /// NB: libedit alone redraws from the row the cursor is on, so a line the terminal re-flowed
  /// onto more rows (tmux, VTE, kitty, iTerm2 re-flow a line drawn across rows) left its first
  /// rows behind as a stale prompt above. The cursor's row in the line at the new width is
  /// known (the prompt's width and the text before the cursor): go up to the line's first row,
  /// clear to the end of the screen, and have libedit draw it all there.
  private func redrawAfterResize(_ el: OpaquePointer) {
    moveToLineStart(el)
    el_resize(el)
    _ = billsh_el_refresh(el)
  }

  /// The bytes that follow an ESC at once: the rest of a CSI (`[` … final byte) or SS3 (`O`
  /// and one byte) sequence, or the one byte read to find out it is neither.
  private func escapeSequenceRest() -> [UInt8] {
    func next() -> UInt8? {
      if !pendingBytes.isEmpty { return pendingBytes.removeFirst() }
      var fds = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
      guard poll(&fds, 1, 50) > 0 else { return nil }
      var byte: UInt8 = 0
      return read(0, &byte, 1) == 1 ? byte : nil
    }
    guard let first = next() else { return [] }
    var key = [first]
    if first == 0x4F {  // SS3: one more byte
      if let b = next() { key.append(b) }
    } else if first == 0x5B {  // CSI: parameters and intermediates, then a final byte
      while key.count < 32, let b = next() {
        key.append(b)
        if (0x40...0x7E).contains(b) { break }
      }
    }
    return key
  }

  /// Whether an incremental search is on: libedit shows it after the line as
  /// "\nbck:" or "\nfwd:" (with "?" for a failed search) and the pattern.
  private func isSearching(_ el: OpaquePointer) -> Bool {
    guard let line = currentLine(el)?.line, let newline = line.lastIndex(of: 0x0A) else {
      return false
    }
    let tag = line[(newline + 1)...].prefix(4)
    return tag.count == 4
      && (tag.starts(with: Array("bck".utf8)) || tag.starts(with: Array("fwd".utf8)))
      && (tag.last == UInt8(ascii: ":") || tag.last == UInt8(ascii: "?"))
  }

  // MARK: - Keys

  struct TabState: Equatable {
    var line: [UInt8]
    var cursor: Int
  }

  private func currentLine(_ el: OpaquePointer) -> TabState? {
    var buffer: UnsafePointer<CChar>?
    var cursor: Int32 = 0
    var end: Int32 = 0
    guard billsh_el_line_offsets(el, &buffer, &cursor, &end) == 0, let buffer, end >= 0 else {
      return nil
    }
    let bytes = UnsafeRawBufferPointer(start: buffer, count: Int(end))
    return TabState(line: Array(bytes), cursor: Int(min(max(cursor, 0), end)))
  }

  fileprivate func interrupt(_ el: OpaquePointer) -> UInt8 {
    interrupted = true
    if let state = currentLine(el) {
      let after = String(decoding: state.line[state.cursor...], as: UTF8.self)
      let move = after.unicodeScalars.count
      if move > 0 { _ = el_cursor(el, Int32(clamping: move)) }
    }
    _ = el_insertstr(el, "^C")
    el_push(el, "\n")  // ed-newline: moves below the line and ends el_gets
    return UInt8(CC_REFRESH)
  }

  fileprivate func complete(_ el: OpaquePointer) -> UInt8 {
    guard let state = currentLine(el) else { return UInt8(CC_ERROR) }
    let before = String(decoding: state.line[..<state.cursor], as: UTF8.self)
    let consecutive = lastTab == state
    let result = completer(before)
    var seen = Set<String>()
    let candidates = result.candidates.filter { !$0.isEmpty && seen.insert($0).inserted }
    let word = String(before.suffix(max(0, min(result.wordLength, before.count))))

    if candidates.isEmpty {
      lastTab = nil
      return UInt8(CC_REFRESH_BEEP)
    }
    if candidates.count == 1 {
      replaceWord(el, word, with: candidates[0] + " ")
      lastTab = nil
      return UInt8(CC_REFRESH)
    }
    let prefix = LibEditLineSource.commonPrefix(candidates)
    if prefix.count >= word.count && prefix != word {
      replaceWord(el, word, with: prefix)
      lastTab = currentLine(el)
      return UInt8(CC_REFRESH)
    }
    if consecutive {
      let width = Terminal.columns(2) ?? 80
      billsh_write_stderr("\r\n" + LibEditLineSource.columns(candidates, width: width))
      lastTab = state
      return UInt8(CC_REDISPLAY)
    }
    lastTab = state
    return UInt8(CC_REFRESH_BEEP)
  }

  private func replaceWord(_ el: OpaquePointer, _ word: String, with replacement: String) {
    let count = word.unicodeScalars.count
    if count > 0 { el_deletestr(el, Int32(clamping: count)) }
    if !replacement.isEmpty { _ = replacement.withCString { el_insertstr(el, $0) } }
  }

  static func commonPrefix(_ words: [String]) -> String {
    guard var prefix = words.first.map(Array.init) else { return "" }
    for word in words.dropFirst() {
      var n = 0
      for (a, b) in zip(prefix, word) {
        if a != b { break }
        n += 1
      }
      prefix.removeLast(prefix.count - n)
    }
    return String(prefix)
  }

  /// Candidates in columns (column-major, like ls), each row ending "\r\n".
  static func columns(_ items: [String], width: Int) -> String {
    let widths = items.map(Terminal.displayWidth)
    let cell = (widths.max() ?? 0) + 2
    let cols = max(1, min(items.count, (max(width, 1) + 2) / max(cell, 1)))
    let rows = (items.count + cols - 1) / cols
    var out = ""
    for r in 0..<rows {
      for c in 0..<cols {
        let i = c * rows + r
        guard i < items.count else { break }
        out += items[i]
        if (c + 1) * rows + r < items.count {
          out += String(repeating: " ", count: cell - widths[i])
        }
      }
      out += "\r\n"
    }
    return out
  }
}
