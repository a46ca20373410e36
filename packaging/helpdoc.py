#!/usr/bin/env python3
"""Man pages and bash completion generated from the executables' own --help output.

The command line is still growing, so the reference pages are derived from what the binaries
print rather than written twice: a hand-written roff template (packaging/man/*.1.in) holds the
prose that --help cannot (NAME, ENVIRONMENT, EXAMPLES, SEE ALSO, ...) and marks where the
generated synopsis, description, option tables and per-command sections go.

    helpdoc.py man        --binary BIN --template T.1.in --output T.1.gz --version V --date D
                          [--commands]
    helpdoc.py completion --binary BIN --output FILE
    helpdoc.py check      --binary BIN --template T.1.in [--commands]
    helpdoc.py gzip       --input FILE --output FILE.gz

`check` is what the packaging tests run: the template must not mention options the binary no
longer has, and every environment variable the help mentions must be explained in the template.
Gzip output is reproducible (no name, no timestamp, level 9), as Debian wants for man pages and
changelogs.
"""

import argparse
import dataclasses
import gzip
import io
import os
import re
import subprocess
import sys


# ---------------------------------------------------------------------------------------------
# Running the binary


def run_help(binary, words=()):
    """Returns the --help text of `binary words...`, or None if that is not a command."""
    env = dict(os.environ)
    # crondesk is a QApplication: no display is needed to print help. A sanitizer build must not
    # fail the docs because Qt or fontconfig leaks at exit.
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["ASAN_OPTIONS"] = "detect_leaks=0"
    env["LC_ALL"] = "C.UTF-8"
    env["COLUMNS"] = "100"
    result = subprocess.run(
        [binary, *words, "--help"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        timeout=60,
        check=False,
    )
    if result.returncode != 0:
        return None
    return result.stdout.decode("utf-8")


def program_name(binary):
    return os.path.basename(binary)


# ---------------------------------------------------------------------------------------------
# Parsing help text
#
# Two styles are understood: QCommandLineParser's (crondesk, crondesk-sandbox: "Usage:" line,
# description lines right below it, "Options:" with entries wrapped at the description column)
# and the hand-made one of crondeskctl (blank lines between blocks, "Commands:", "Global
# options:", "Label: text" paragraphs). Both are "header line, indented two-column entries".


@dataclasses.dataclass
class Entry:
    term: str
    description: list  # lines, joined with spaces when rendered
    line: str = ""  # the entry's first line as printed
    column: int = -1  # where the description starts on that line, if it does


@dataclasses.dataclass
class Section:
    title: str
    entries: list = dataclasses.field(default_factory=list)
    paragraphs: list = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Help:
    usage: list = dataclasses.field(default_factory=list)
    description: list = dataclasses.field(default_factory=list)  # paragraphs
    sections: list = dataclasses.field(default_factory=list)

    def section(self, title):
        for section in self.sections:
            if section.title.lower() == title.lower():
                return section
        return None

    def option_entries(self):
        for section in self.sections:
            for entry in section.entries:
                if entry.term.startswith("-"):
                    yield entry


def installed_name(usage, prog):
    """Qt prints argv[0] as it was typed; the page shows the installed name."""
    first, _, rest = usage.partition(" ")
    if os.path.basename(first) == prog:
        return prog + (" " + rest if rest else "")
    return usage


HEADER = re.compile(r"^(?P<title>[A-Z][A-Za-z ]{0,30}):\s*(?P<rest>.*)$")
ENTRY = re.compile(r"^(?P<indent> +)(?P<term>\S.*?)(?: {2,}(?P<desc>\S.*))?$")


def parse_help(text, prog):
    help_ = Help()
    section = None
    paragraph = []
    entry_indent = None
    last_entry = None
    in_usage = False
    block_start = True  # first line of the text or after a blank line

    def end_paragraph():
        nonlocal paragraph
        if paragraph:
            target = section.paragraphs if section else help_.description
            target.append(" ".join(paragraph))
            paragraph = []

    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            end_paragraph()
            in_usage = False
            last_entry = None
            block_start = True
            continue
        at_block_start, block_start = block_start, False
        if line.startswith("Usage:"):
            usage = line[len("Usage:"):].strip()
            if usage:
                help_.usage.append(installed_name(usage, prog))
            in_usage = True
            continue
        if in_usage and re.match(r"^\s+(or:\s+)?\S", line) and not section:
            # "Usage:" alone, then one indented line per form (or GNU's "  or: ...").
            help_.usage.append(installed_name(re.sub(r"^\s+(or:\s+)?", "", line), prog))
            continue
        in_usage = False
        header = HEADER.match(line)
        # "Options:" starts a section anywhere; "Exit codes: 0 ok, ..." only at the start of a
        # block, so that a description line with a colon stays a description.
        if header and header.group("rest") and not at_block_start:
            header = None
        if header and not line.startswith(" "):
            end_paragraph()
            section = Section(header.group("title").strip())
            help_.sections.append(section)
            entry_indent = None
            last_entry = None
            if header.group("rest"):
                paragraph.append(header.group("rest"))
            continue
        entry = ENTRY.match(line)
        if section and entry:
            indent = len(entry.group("indent"))
            if entry_indent is None:
                entry_indent = indent
            if indent > entry_indent and last_entry is not None:
                # Qt wraps a description onto lines indented to the description column.
                last_entry.description.append(line.strip())
                continue
            end_paragraph()
            last_entry = Entry(entry.group("term").strip(),
                               [entry.group("desc")] if entry.group("desc") else [], line,
                               entry.start("desc") if entry.group("desc") else -1)
            section.entries.append(last_entry)
            continue
        if last_entry is not None and line.startswith(" "):
            last_entry.description.append(line.strip())
            continue
        paragraph.append(line.strip())
    end_paragraph()
    for section in help_.sections:
        split_at_column(section.entries)
    return help_


def split_at_column(entries):
    """A term one character short of the description column ("crons delete ID... delete crons")
    leaves a single space: split it at the column the other entries use."""
    columns = [e.column for e in entries if e.column >= 0]
    if not columns:
        return
    column = max(set(columns), key=columns.count)
    for e in entries:
        if (not e.description and len(e.line) > column and e.line[column - 1] == " "
                and e.line[column] != " "):
            e.term, e.description = e.line[:column].strip(), [e.line[column:].strip()]


def command_words(term):
    """'crons list|get' -> [['crons', 'list'], ['crons', 'get']]; stops at arguments."""
    words = []
    for token in term.split():
        if not re.fullmatch(r"[a-z][a-z0-9-]*(\|[a-z][a-z0-9-]*)*", token):
            break
        words.append(token.split("|"))
    commands = [[]]
    for alternatives in words:
        commands = [prefix + [word] for prefix in commands for word in alternatives]
    return [command for command in commands if command]


@dataclasses.dataclass
class Command:
    words: list
    help: object  # Help, or None when `PROG WORDS --help` prints nothing of its own
    summary: str  # the description the parent's table gives
    usage_options: list = dataclasses.field(default_factory=list)  # from "[--tz ZONE]" in usage
    from_usage: bool = False  # found in a parent's usage lines, not in a Commands: table
    term: str = ""  # as the Commands: table shows it, arguments included ("crons get ID...")


USAGE_OPTION = re.compile(r"\[(-{1,2}[A-Za-z][\w-]*)(?:[ =]([^\]|]+))?\]")


def subcommands(binary, main_help):
    """Every command the main help lists, with its own help where it has one.

    Commands whose help only lists forms ("Usage:" then "prog schedule next EXPR [--tz ZONE]",
    ...) contribute those deeper commands too, with the options their forms show.
    """
    section = main_help.section("Commands")
    if section is None:
        return []
    prog = program_name(binary)
    main_text = run_help(binary)
    found = []
    seen = set()

    def visit(words, summary, term="", from_usage=False, usage_options=(), parent_text=None):
        key = " ".join(words)
        if key in seen:
            return
        seen.add(key)
        text = run_help(binary, words)
        # No help of its own: an error, the main help again, or (schedule next) its parent's.
        own = text is not None and text not in (main_text, parent_text)
        sub_help = parse_help(text, prog) if own else None
        found.append(Command(words, sub_help, summary, list(usage_options), from_usage, term))
        if sub_help is None:
            return
        for usage in sub_help.usage:
            tokens = usage.split()
            deeper = tokens[1:len(words) + 2]
            if (tokens[:1] == [prog] and deeper[:len(words)] == words and len(deeper) > len(words)
                    and re.fullmatch(r"[a-z][a-z0-9-]*", deeper[-1])):
                options = [Option([name], value or "", choices_in(value or ""))
                           for name, value in USAGE_OPTION.findall(usage)]
                visit(deeper, "", "", True, options, text)

    for entry in section.entries:
        alternatives = command_words(entry.term)
        for words in alternatives:
            visit(words, " ".join(entry.description), entry.term if len(alternatives) == 1 else "")
    return found


# ---------------------------------------------------------------------------------------------
# Roff


def roff_text(text):
    text = text.replace("\\", "\\e")
    # Every hyphen is a minus: options and file names must survive copy and paste.
    text = text.replace("-", "\\-")
    return text


def roff_line(text):
    text = roff_text(text)
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


PLACEHOLDER = re.compile(r"^(<[^>]+>|[A-Z][A-Z0-9_]*(\.\.\.)?|\[.*\])$")


def roff_term(term):
    """Options and command words bold, their arguments italic."""
    parts = []
    is_option = term.startswith("-")
    for token in re.split(r"(\s+)", term):
        if not token or token.isspace():
            parts.append(token)
            continue
        comma = token.endswith(",")
        bare = token[:-1] if comma else token
        if "=" in bare and bare.startswith("-"):
            name, _, value = bare.partition("=")
            piece = "\\fB" + roff_text(name) + "\\fR=\\fI" + roff_text(value) + "\\fR"
        elif is_option and not bare.startswith("-"):
            piece = "\\fI" + roff_text(bare.strip("<>")) + "\\fR"
        elif PLACEHOLDER.match(bare):
            piece = "\\fI" + roff_text(bare.strip("<>")) + "\\fR"
        else:
            piece = "\\fB" + roff_text(bare) + "\\fR"
        parts.append(piece + ("," if comma else ""))
    text = "".join(parts)
    return "\\&" + text if text.startswith((".", "'")) else text


def roff_synopsis(usage_lines):
    out = []
    for usage in usage_lines:
        prog, _, rest = usage.partition(" ")
        out.append(".B " + roff_text(prog))
        if rest:
            out.append(roff_line(rest))
        out.append(".br")
    if out:
        out.pop()
    return out


SECTION_TITLES = {"exit codes": "EXIT STATUS", "exit status": "EXIT STATUS"}


def roff_section_body(section):
    out = []
    for paragraph in section.paragraphs:
        out += [".PP", roff_line(paragraph)]
    for entry in section.entries:
        out += [".TP", roff_term(entry.term)]
        out.append(roff_line(" ".join(entry.description)) if entry.description else "\\&")
    return out


def roff_sections(help_, skip=()):
    out = []
    for section in help_.sections:
        if section.title.lower() in skip:
            continue
        title = SECTION_TITLES.get(section.title.lower(), section.title.upper())
        out.append('.SH "%s"' % roff_text(title))
        out += roff_section_body(section)
    return out


def roff_commands(prog, commands, global_names):
    if not commands:
        return []
    out = [".SH COMMANDS",
           "Every command also takes the global options above."]
    for command in commands:
        if command.from_usage and command.help is None:
            continue  # its form is already in its parent's synopsis
        sub_help = command.help
        # The table's term keeps the arguments ("crons get ID...") that "[options]" hides.
        heading = command.term if command.term and " ..." not in command.term else " ".join(command.words)
        out.append('.SS "%s"' % roff_text(prog + " " + heading))
        if sub_help is None:
            out += [".PP", roff_line(command.summary)]
            continue
        if sub_help.usage:
            out.append(".PP")
            out += roff_synopsis(sub_help.usage)
        for paragraph in sub_help.description:
            out += [".PP", roff_line(paragraph)]
        if not sub_help.description and command.summary:
            out += [".PP", roff_line(command.summary)]
        for section in sub_help.sections:
            # A command's help repeats the global options; the page lists them once.
            entries = [e for e in section.entries
                       if not (e.term.startswith("-") and set(option_names(e.term)) <= global_names)]
            if entries:
                out.append(".PP")
                out.append("\\fI" + roff_text(section.title) + ":\\fR")
                out += [".RS 4"] + roff_section_body(Section("", entries)) + [".RE"]
            for paragraph in section.paragraphs:
                out += [".PP", roff_line(section.title + ": " + paragraph)]
    return out


def render_man(binary, template, version, date, with_commands):
    prog = program_name(binary)
    text = run_help(binary)
    if text is None:
        sys.exit("helpdoc: %s --help failed" % binary)
    main_help = parse_help(text, prog)
    commands = subcommands(binary, main_help) if with_commands else []
    generated = {
        "@GENERATED_SYNOPSIS@": roff_synopsis(main_help.usage),
        "@GENERATED_DESCRIPTION@": sum(([".PP", roff_line(p)] for p in main_help.description), []),
        # With --commands the per-command reference replaces the summary table.
        "@GENERATED_SECTIONS@": roff_sections(main_help, ("commands",) if with_commands else ()),
        "@GENERATED_COMMANDS@": roff_commands(
            prog, commands, {name for option in options_of(main_help) for name in option.names}),
    }
    out = []
    with open(template, encoding="utf-8") as handle:
        for line in handle.read().splitlines():
            if line.strip() in generated:
                out += generated[line.strip()]
                continue
            out.append(line.replace("@VERSION@", version).replace("@DATE@", date))
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# Bash completion


@dataclasses.dataclass
class Option:
    names: list
    value: str  # placeholder, or "" for a flag
    choices: list


# The values an option takes, as its help states them: "<asc|desc>", "Output format: table, json
# or csv", "FORMAT table, json, jsonl or csv", "Sort by cron_id, ..., created_at (default) or
# updated_at". Words are lower case, so prose ("Deployment URL, e.g. ...") does not match.
WORD = r"[a-z][a-z0-9_-]*"
CHOICES = (
    re.compile(r"(?<![\w$-])(%s(?:\|%s)+)(?![\w-])" % (WORD, WORD)),
    re.compile(r":\s*(%s(?:, %s)*,? or %s)\b" % (WORD, WORD, WORD)),
    re.compile(r"(?<![\w-])(%s(?:, %s)+,? or %s)\b" % (WORD, WORD, WORD)),
)


def choices_in(text):
    text = text.replace(" (default)", "")
    for pattern in CHOICES:
        match = pattern.search(text)
        if match:
            return re.split(r"\||,? or |, ", match.group(1))
    return []


def option_names(term):
    return [token.partition("=")[0] for token in term.replace(",", " ").split()
            if token.startswith("-")]


def options_of(help_):
    options = []
    for entry in help_.option_entries():
        names = []
        value = ""
        for token in entry.term.replace(",", " ").split():
            if token.startswith("-"):
                name, _, inline_value = token.partition("=")
                names.append(name)
                value = value or inline_value
            elif not value:
                value = token
        choices = choices_in(value + " " + " ".join(entry.description)) if value else []
        options.append(Option(names, value.strip("<>[]"), choices))
    return options


def bash_words(words):
    return " ".join(words)


def value_action(option):
    """What completing OPTION's value offers."""
    if option.choices:
        return 'mapfile -t COMPREPLY < <(compgen -W "%s" -- "$cur")' % bash_words(option.choices)
    if option.value.upper() in ("FILE", "PATH", "OUTPUT", "INPUT", "DIR", "DIRECTORY"):
        return "_crondeskctl_files"
    return "COMPREPLY=()"


def render_completion(binary):
    prog = program_name(binary)
    function = "_" + prog.replace("-", "_")
    text = run_help(binary)
    if text is None:
        sys.exit("helpdoc: %s --help failed" % binary)
    main_help = parse_help(text, prog)
    commands = subcommands(binary, main_help)
    global_options = options_of(main_help)
    global_names = [name for option in global_options for name in option.names]
    command_options = {}
    for command in commands:
        own = options_of(command.help) if command.help else []
        command_options[" ".join(command.words)] = own + command.usage_options

    # option name -> {command ("" for a global option) -> action}: --sort takes other fields in
    # "crons list" than in "threads list".
    value_actions = {}
    for key, options in [("", global_options)] + sorted(command_options.items()):
        for option in options:
            if not option.value:
                continue
            for name in option.names:
                if key and name in global_names:
                    continue  # a command's help repeats the global options
                value_actions.setdefault(name, {})[key] = value_action(option)

    children = {}
    paths = []
    for words in (command.words for command in commands):
        for depth in range(len(words)):
            parent = " ".join(words[:depth])
            children.setdefault(parent, [])
            if words[depth] not in children[parent]:
                children[parent].append(words[depth])
            path = '"%s"' % " ".join(words[:depth + 1])
            if path not in paths:
                paths.append(path)

    def names(options, exclude=()):
        unique = []
        for option in options:
            for name in option.names:
                if name not in unique and name not in exclude:
                    unique.append(name)
        return bash_words(unique)

    lines = [
        "# shellcheck shell=bash",
        "# bash completion for %s" % prog,
        "# Generated from `%s --help` and each command's --help by packaging/helpdoc.py." % prog,
        "",
        "_crondeskctl_files()",
        "{",
        "    if declare -F _filedir >/dev/null; then",
        "        _filedir",
        "    else",
        '        mapfile -t COMPREPLY < <(compgen -f -- "$cur")',
        "    fi",
        "}",
        "",
        "%s()" % function,
        "{",
        "    local cur prev words cword",
        "    if declare -F _init_completion >/dev/null; then",
        "        _init_completion || return",
        "    else",
        "        # Without the bash-completion package: the same variables, minus its extras.",
        '        cur=${COMP_WORDS[COMP_CWORD]}',
        '        prev=${COMP_WORDS[COMP_CWORD - 1]}',
        '        words=("${COMP_WORDS[@]}")',
        "        cword=$COMP_CWORD",
        "    fi",
        "",
        "    # The command so far: the command words among those that are not options or values.",
        "    local command='' i word",
        "    for ((i = 1; i < cword; i++)); do",
        '        word=${words[i]}',
        '        case "$word" in',
        "            -*=*) ;;",
    ]
    if value_actions:
        lines.append("            %s) ((i++)) ;;" % "|".join(sorted(value_actions)))
    lines += [
        "            -*) ;;",
        "            *)",
        "                # Anything else is an argument (an id, a schedule): the command stays.",
        '                case "${command:+$command }$word" in',
        '                    %s) command="${command:+$command }$word" ;;' % "|".join(paths or ['""']),
        "                esac",
        "                ;;",
        "        esac",
        "    done",
        "",
        '    case "$prev" in',
    ]
    for name, by_command in sorted(value_actions.items()):
        lines.append("        %s)" % name)
        if len(set(by_command.values())) == 1:
            lines.append("            %s" % next(iter(by_command.values())))
        else:
            lines.append('            case "$command" in')
            fallback = by_command.get("", "COMPREPLY=()")
            for action in dict.fromkeys(by_command.values()):
                keys = [k for k, a in by_command.items() if a == action and k]
                if keys and action != fallback:
                    lines.append('                %s) %s ;;' % ("|".join('"%s"' % k for k in keys), action))
            lines.append("                *) %s ;;" % fallback)
            lines.append("            esac")
        lines += ["            return", "            ;;"]
    lines += [
        "    esac",
        "",
        '    if [[ $cur == -* ]]; then',
        '        local options="%s"' % names(global_options),
        '        case "$command" in',
    ]
    for key, options in sorted(command_options.items()):
        own = names(options, exclude=global_names)
        if own:
            lines.append('            "%s") options+=" %s" ;;' % (key, own))
    lines += [
        "        esac",
        '        mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")',
        "        return",
        "    fi",
        "",
        '    case "$command" in',
    ]
    for parent, words in sorted(children.items()):
        lines.append('        "%s") mapfile -t COMPREPLY < <(compgen -W "%s" -- "$cur") ;;'
                     % (parent, bash_words(words)))
    lines += [
        "    esac",
        "}",
        "complete -F %s %s" % (function, prog),
    ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Drift check


def check(binary, template, with_commands):
    prog = program_name(binary)
    text = run_help(binary)
    if text is None:
        return ["%s --help failed" % binary]
    helps = [parse_help(text, prog)]
    texts = [text]
    if with_commands:
        commands = subcommands(binary, helps[0])
        for command in commands:
            if command.help:
                helps.append(command.help)
                texts.append(run_help(binary, command.words))
    else:
        commands = []
    known = set()
    for help_ in helps:
        for option in options_of(help_):
            known.update(option.names)
    for command in commands:
        for option in command.usage_options:
            known.update(option.names)
    with open(template, encoding="utf-8") as handle:
        roff = handle.read()
    plain = roff.replace("\\-", "-")
    # Example lines running another program (crondeskctl in the sandbox's page) use its options.
    own_lines = []
    in_example = False
    for line in plain.splitlines():
        in_example = (in_example or line.startswith(".EX")) and not line.startswith(".EE")
        if in_example and line.split()[:1] not in ([prog], [".EX"]):
            continue
        own_lines.append(line)
    problems = []
    for option in sorted(set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", "\n".join(own_lines)))):
        if option not in known:
            problems.append("%s: the template mentions %s, which %s does not have"
                            % (os.path.basename(template), option, prog))
    environment = plain.split(".SH ENVIRONMENT", 1)[1].split(".SH ", 1)[0] if ".SH ENVIRONMENT" in plain else ""
    for variable in sorted(set(re.findall(r"\b(?:CRONDESK|LANG[A-Z]*)_[A-Z0-9_]+\b", "\n".join(texts)))):
        if variable not in environment:
            problems.append("%s: the help mentions %s, which the ENVIRONMENT section does not explain"
                            % (os.path.basename(template), variable))
    if not known:
        problems.append("%s: no options found in the help output" % prog)
    return problems


# ---------------------------------------------------------------------------------------------


def write_gzip(data, output):
    buffer = io.BytesIO()
    # filename="" and mtime=0: what `gzip -9n` writes, so the package is reproducible.
    with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=buffer, mtime=0) as handle:
        handle.write(data)
    write_if_changed(buffer.getvalue(), output)


def write_if_changed(data, output):
    try:
        with open(output, "rb") as handle:
            if handle.read() == data:
                os.utime(output)
                return
    except FileNotFoundError:
        pass
    tmp = output + ".tmp"
    with open(tmp, "wb") as handle:
        handle.write(data)
    os.replace(tmp, output)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=["man", "completion", "check", "gzip"])
    parser.add_argument("--binary")
    parser.add_argument("--template")
    parser.add_argument("--input")
    parser.add_argument("--output")
    parser.add_argument("--version", default="")
    parser.add_argument("--date", default="")
    parser.add_argument("--commands", action="store_true",
                        help="document each command listed under Commands: with its own --help")
    args = parser.parse_args()

    if args.mode == "man":
        page = render_man(args.binary, args.template, args.version, args.date, args.commands)
        if args.output.endswith(".gz"):
            write_gzip(page.encode("utf-8"), args.output)
        else:
            write_if_changed(page.encode("utf-8"), args.output)
    elif args.mode == "completion":
        write_if_changed(render_completion(args.binary).encode("utf-8"), args.output)
    elif args.mode == "gzip":
        with open(args.input, "rb") as handle:
            write_gzip(handle.read(), args.output)
    else:
        problems = check(args.binary, args.template, args.commands)
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
