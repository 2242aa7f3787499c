// The completion scripts `Scripts/install` installs (`billsh --generate-completion-script SHELL`),
// written from the command-line table: the subcommands; each one's options with their help;
// files where a file goes, 1 to the number of cores after `--jobs`; folders and `.bill` files
// after `run`, folders and `.transcript` files after `test`.

/// A shell billsh writes a completion script for.
package enum CompletionShell: String, CaseIterable, Sendable {
  case bash, zsh, fish
}

package enum Completion {
  /// The completion script for `shell`.
  package static func script(for shell: CompletionShell) -> String {
    switch shell {
    case .bash: bash
    case .zsh: zsh
    case .fish: fish
    }
  }

  /// A subcommand's options as completion offers them.
  static func options(_ c: CLICommand) -> [CLIOption] {
    (c.options + commonOptions).filter { !$0.hidden }
  }

  static let helpAbstract = "Show help for a subcommand."
  static var names: String { cliCommands.map(\.name).joined(separator: " ") }

  /// The first sentence of a help text, without its full stop, as a one-line description.
  static func short(_ help: String) -> String {
    var s = help.firstRange(of: ". ").map { String(help[..<$0.lowerBound]) } ?? help
    if s.hasSuffix(".") { s.removeLast() }
    return s
  }

  // MARK: bash

  static var bash: String {
    var s = """
      # bash completion for billsh (billsh --generate-completion-script bash)
      _billsh_files() {
        local IFS=$'\\n'
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -f -- "$cur"))
      }

      # Folders (to go into) and the files whose names end in $1.
      _billsh_files_ending() {
        local IFS=$'\n' f
        compopt -o filenames 2>/dev/null
        COMPREPLY=()
        for f in $(compgen -f -- "$cur"); do
          [[ -d $f || $f == *"$1" ]] && COMPREPLY+=("$f")
        done
      }

      _billsh() {
        local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} sub=shell
        # --option=value: bash splits the = off
        if [[ $cur == = ]]; then
          cur=
        elif [[ $prev == = && $COMP_CWORD -gt 1 ]]; then
          prev=${COMP_WORDS[COMP_CWORD-2]}
        fi
        if ((COMP_CWORD > 1)); then
          case ${COMP_WORDS[1]} in \(cliCommands.map(\.name).joined(separator: "|"))|help) sub=${COMP_WORDS[1]} ;; esac
        fi
        case "$sub $prev" in

      """
    for c in cliCommands {
      for o in options(c) {
        guard let kind = o.value else { continue }
        let action =
          switch kind {
          case .file, .path: "_billsh_files"
          case .count:
            "COMPREPLY=($(compgen -W \"$(seq 1 \"$(nproc 2>/dev/null || echo 4)\")\" -- \"$cur\"))"
          case .command: "COMPREPLY=($(compgen -c -- \"$cur\"))"
          case .shard, .shellName, .seconds, .seed: ":"
          }
        s += "    \"\(c.name) \(o.dashed)\") \(action); return ;;\n"
      }
    }
    s += """
        esac
        if [[ $sub == help ]]; then
          ((COMP_CWORD == 2)) && COMPREPLY=($(compgen -W "\(names)" -- "$cur"))
          return
        fi
        if [[ $cur == -* ]]; then
          local options
          case $sub in

      """
    for c in cliCommands {
      let words = options(c).flatMap { o in (o.short.map { ["-\($0)"] } ?? []) + [o.dashed] }
      s += "      \(c.name)) options=\"\(words.joined(separator: " "))\" ;;\n"
    }
    s += """
          esac
          COMPREPLY=($(compgen -W "$options" -- "$cur"))
          return
        fi
        case $sub in

      """
    for c in cliCommands {
      guard let operands = c.operands else { continue }
      let action = operands.ending.map { "_billsh_files_ending \($0)" } ?? "_billsh_files"
      s += "    \(c.name)) \(action) ;;\n"
    }
    s += """
          *) ((COMP_CWORD == 1)) && COMPREPLY=($(compgen -W "\(names) help" -- "$cur")) ;;
        esac
      }

      complete -F _billsh billsh

      """
    return s
  }

  // MARK: zsh

  /// `text`'s first sentence inside single quotes in zsh; escaped for an `_arguments`
  /// description in `[...]` if `bracketed`.
  static func zshDescription(_ text: String, bracketed: Bool = true) -> String {
    var out = ""
    for c in short(text) {
      switch c {
      case "'": out += "'\\''"
      case "[", "]", ":", "\\": out += (bracketed ? "\\" : "") + String(c)
      default: out.append(c)
      }
    }
    return out
  }

  static func zshSpec(_ o: CLIOption) -> String {
    let exclusive = o.name == "help" || o.name == "version" ? "'(- *)'" : ""
    let names = o.short.map { "{-\($0),\(o.dashed)}" } ?? o.dashed
    let description = "'[\(zshDescription(o.help))]"
    guard let kind = o.value else { return "\(exclusive)\(names)\(description)'" }
    let action =
      switch kind {
      case .file, .path: "_files"
      case .count: "_billsh_count"
      case .command: "_command_names -e"
      case .shard, .shellName, .seconds, .seed: " "
      }
    return "\(exclusive)\(names)=\(description):\(kind.name):\(action)'"
  }

  static var zsh: String {
    var s = """
      #compdef billsh
      # zsh completion for billsh (billsh --generate-completion-script zsh)

      _billsh_count() {
        local n
        n=$(nproc 2>/dev/null) || n=4
        compadd -- {1..$n}
      }

      _billsh() {
        local -a subcommands=(

      """
    for c in cliCommands {
      s += "    '\(c.name):\(zshDescription(c.abstract, bracketed: false))'\n"
    }
    s += "    'help:\(zshDescription(helpAbstract, bracketed: false))'\n  )\n"
    for c in cliCommands {
      s += "  local -a \(c.name)_options=(\n"
      for o in options(c) { s += "    \(zshSpec(o))\n" }
      s += "  )\n"
    }
    s += """
        if ((CURRENT == 2)) && [[ ${words[2]} != -* ]]; then
          _describe -t subcommands 'billsh subcommand' subcommands
          return
        fi
        case ${words[2]} in
          help)
            local -a topics=("${(@)subcommands[1,-2]}")
            ((CURRENT == 3)) && _describe -t subcommands 'billsh subcommand' topics
            ;;

      """
    for c in cliCommands {
      let operands =
        c.operands.map { o in
          " '*:\(o.noun):_files" + (o.ending.map { " -g \"*\($0)(-.)\"" } ?? "") + "'"
        } ?? ""
      s += """
            \(c.name))
              shift words
              ((CURRENT--))
              _arguments -s \"${\(c.name)_options[@]}\"\(operands)
              ;;

        """
    }
    s += """
          *)
            _arguments -s "${\(defaultCommand.name)_options[@]}"
            ;;
        esac
      }

      _billsh "$@"

      """
    return s
  }

  // MARK: fish

  /// `text` in single quotes for fish.
  static func fishQuoted(_ text: String) -> String {
    "'" + text.replacing("\\", with: "\\\\").replacing("'", with: "\\'") + "'"
  }

  static var fish: String {
    var s = """
      # fish completion for billsh (billsh --generate-completion-script fish)
      function __billsh_subcommand
          set -l words (commandline -opc)
          if test (count $words) -ge 2; and contains -- $words[2] \(names) help
              echo $words[2]
          else
              echo \(defaultCommand.name)
          end
      end

      function __billsh_first
          test (count (commandline -opc)) -eq 1
      end

      complete -c billsh -f

      """
    for c in cliCommands {
      s += "complete -c billsh -n __billsh_first -a \(c.name) -d \(fishQuoted(short(c.abstract)))\n"
    }
    s += "complete -c billsh -n __billsh_first -a help -d \(fishQuoted(short(helpAbstract)))\n"
    s +=
      "complete -c billsh -n 'test (__billsh_subcommand) = help; and test (count (commandline -opc)) -eq 2' -a \(fishQuoted(names))\n"
    for c in cliCommands {
      let when = "-n 'test (__billsh_subcommand) = \(c.name)'"
      for o in options(c) {
        var line = "complete -c billsh \(when)"
        if let short = o.short { line += " -s \(short)" }
        line += " -l \(o.name)"
        switch o.value {
        case .file?, .path?: line += " -r -F"
        case .count?: line += " -x -a '(seq 1 (nproc 2>/dev/null; or echo 4))'"
        case .command?: line += " -x -a '(__fish_complete_command)'"
        case .shard?, .shellName?, .seconds?, .seed?: line += " -x"
        case nil: break
        }
        s += line + " -d \(fishQuoted(short(o.help)))\n"
      }
      if let operands = c.operands {
        let files = operands.ending.map { "-a '(__fish_complete_suffix \($0))'" } ?? "-F"
        s += "complete -c billsh \(when) \(files) -d \(fishQuoted(operands.noun))\n"
      }
    }
    return s
  }
}
