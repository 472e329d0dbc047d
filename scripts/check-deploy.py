#!/usr/bin/env python3
"""Checks that the deploy files use only `parkstream` subcommands and flags that exist.

    python3 scripts/check-deploy.py [--parkstream .build/debug/parkstream] [PATH ...]

PATH (default: deploy/) is a file or a directory searched recursively. Every .yml/.yaml file
(multi-document), .json file, systemd .service file and Dockerfile is parsed; a file that does not
parse is an error. From them it takes each `parkstream` command line:

- docker-compose `command:` of a service whose image or build is ParkStream's (the image's
  entrypoint is `parkstream`), and `entrypoint:` + `command:` where the entrypoint names it;
- Kubernetes containers whose image is ParkStream's: `command` + `args`, or `args` alone (the
  image's entrypoint);
- any other string value holding `parkstream <subcommand> …` (shell commands in YAML or JSON);
- systemd `ExecStart=` (continuation lines joined), Dockerfile `ENTRYPOINT`/`CMD`.

Each is checked against the built binary's `--help`: the subcommand path exists, every `--flag`
and `-X` is an option of that subcommand (a value where it takes one), required options are
present, and positional arguments appear only where the command takes some. A ConfigMap entry
named like a file in rules/ must equal that file byte for byte.

Exit status 0 when everything holds, 1 with one line per problem on stderr (file, where in it,
what is wrong), 2 on bad usage. Needs Python 3 and PyYAML.
"""

import argparse
import json
import os
import re
import shlex
import subprocess
import sys

try:
    import yaml
except ImportError:  # pragma: no cover - setup.sh installs it
    sys.exit("check-deploy: PyYAML is missing (python3 -m pip install pyyaml, or apt-get install python3-yaml)")

REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHELL_SEPARATORS = {";", "&&", "||", "|", "&", ")", "(", "\n"}


class Help:
    """What `parkstream <path> --help` says: subcommands, options (and whether each takes a
    value), required options, and whether positional arguments are taken."""

    def __init__(self, binary, path):
        result = subprocess.run(
            [binary, *path, "--help"], capture_output=True, text=True, timeout=60,
            env={**os.environ, "COLUMNS": "200"})
        text = result.stdout + result.stderr
        if result.returncode != 0:
            raise RuntimeError(f"`parkstream {' '.join(path)} --help` failed ({result.returncode}): {text.strip()}")
        self.subcommands = set()
        self.options = {}  # name -> takes a value
        self.positionals = False
        section = None
        for line in text.splitlines():
            if re.match(r"^[A-Z][A-Z ]*:", line):
                section = line.split(":")[0]
                continue
            if section == "SUBCOMMANDS":
                match = re.match(r"^  ([a-z][a-z0-9-]*)(\s|$)", line)
                if match:
                    self.subcommands.add(match.group(1))
            elif section == "ARGUMENTS" and re.match(r"^  \S", line):
                self.positionals = True
            elif section == "OPTIONS":
                match = re.match(r"^  (-\S.*?)(\s{2,}|$)", line)
                if match:
                    for alternative in re.split(r", |/", match.group(1)):
                        parts = alternative.split(" ", 1)
                        self.options[parts[0]] = len(parts) > 1 and parts[1].startswith("<")
        usage = re.search(r"USAGE: (.*?)(\n\n|\nOPTIONS:|\nARGUMENTS:|$)", text, re.S)
        self.required = set()
        if usage:
            depth = 0
            for token in re.findall(r"\[|\]|[^\s\[\]]+", usage.group(1)):
                if token == "[":
                    depth += 1
                elif token == "]":
                    depth -= 1
                elif depth == 0 and token.startswith("-") and token in self.options:
                    self.required.add(token)


class Checker:
    def __init__(self, binary):
        self.binary = binary
        self.helps = {}
        self.problems = []
        self.lines = 0

    def help(self, path):
        key = tuple(path)
        if key not in self.helps:
            self.helps[key] = Help(self.binary, list(path))
        return self.helps[key]

    def problem(self, where, message):
        self.problems.append(f"{where}: {message}")

    def check(self, where, argv):
        """argv: the arguments after `parkstream`."""
        self.lines += 1
        path = []
        index = 0
        help = self.help(path)
        while help.subcommands:
            if index >= len(argv) or argv[index].startswith("-"):
                if not any(token in ("-h", "--help") for token in argv[index:]):
                    self.problem(where, f"`{' '.join(['parkstream', *path])}` needs a subcommand "
                                 f"({', '.join(sorted(help.subcommands))})")
                return
            if argv[index] not in help.subcommands:
                parent = " ".join(["parkstream", *path])
                self.problem(where, f"unknown subcommand `{argv[index]}` of `{parent}`"
                             f" (known: {', '.join(sorted(help.subcommands))})")
                return
            path.append(argv[index])
            index += 1
            help = self.help(path)
        command = "parkstream " + " ".join(path)
        seen = set()
        while index < len(argv):
            token = argv[index]
            index += 1
            if token == "--":
                if not help.positionals:
                    self.problem(where, f"`{command}` takes no positional arguments")
                break
            if token.startswith("--"):
                name, has_value, _ = token.partition("=")
                if name not in help.options:
                    self.problem(where, f"`{command}` has no option `{name}` (see `{command} --help`)")
                    continue
                seen.add(name)
                if help.options[name] and not has_value:
                    if index >= len(argv):
                        self.problem(where, f"`{command} {name}` needs a value")
                    index += 1
                elif not help.options[name] and has_value:
                    self.problem(where, f"`{command} {name}` is a flag and takes no value")
            elif token.startswith("-") and len(token) > 1 and token != "-":
                name = token[:2]
                if name not in help.options:
                    self.problem(where, f"`{command}` has no option `{name}` (see `{command} --help`)")
                    continue
                seen.add(name)
                if help.options[name] and len(token) == 2:
                    if index >= len(argv):
                        self.problem(where, f"`{command} {name}` needs a value")
                    index += 1
            elif not help.positionals:
                self.problem(where, f"`{command}` takes no positional argument (got `{token}`)")
        if "-h" not in seen and "--help" not in seen:
            for name in sorted(help.required - seen):
                self.problem(where, f"`{command}` needs `{name}`")


# MARK: - Finding command lines

def is_parkstream_image(image):
    return isinstance(image, str) and re.search(r"(^|/)parkstream(:|@|$)", image) is not None


def names_parkstream(argv0):
    return isinstance(argv0, str) and os.path.basename(argv0) == "parkstream"


def as_argv(value):
    if value is None:
        return []
    if isinstance(value, str):
        return shlex.split(value)
    if isinstance(value, list):
        return [str(item) for item in value]
    return None


def commands_in_strings(value, where, checker, skip_ids, path=""):
    """Every `parkstream <word> …` inside string values (shell commands); `path` is the key path."""
    if id(value) in skip_ids:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            commands_in_strings(item, where, checker, skip_ids, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for number, item in enumerate(value):
            commands_in_strings(item, where, checker, skip_ids, f"{path}[{number}]")
    elif isinstance(value, str):
        where = f"{where} {path}" if path else where
        for match in re.finditer(r"(?:^|[\s;&|(`/])parkstream\s+(?=[a-z-])", value):
            rest = value[match.end():]
            try:
                lexer = shlex.shlex(rest, posix=True, punctuation_chars=";&|()")
                lexer.whitespace_split = True
                tokens = []
                for token in lexer:
                    if token in SHELL_SEPARATORS or "\n" in token:
                        break
                    tokens.append(token)
            except ValueError as error:
                checker.problem(where, f"cannot split the shell command after `parkstream`: {error}")
                continue
            checker.check(where, tokens)


def check_compose(document, where, checker, skip_ids):
    for name, service in (document.get("services") or {}).items():
        if not isinstance(service, dict):
            continue
        at = f"{where} services.{name}"
        entrypoint = as_argv(service.get("entrypoint"))
        command = as_argv(service.get("command"))
        if entrypoint is None or command is None:
            checker.problem(at, "entrypoint/command is neither a string nor a list")
            continue
        if entrypoint:
            if names_parkstream(entrypoint[0]):
                checker.check(at, entrypoint[1:] + command)
                skip_ids.update({id(service.get("entrypoint")), id(service.get("command"))})
        elif is_parkstream_image(service.get("image")) or "build" in service:
            if command:
                checker.check(at + ".command", command)
                skip_ids.add(id(service.get("command")))


def check_containers(value, where, checker, skip_ids):
    """Kubernetes-style containers anywhere in a document (pods, deployments, jobs, cron jobs)."""
    if isinstance(value, dict):
        if "image" in value and ("args" in value or "command" in value) and is_parkstream_image(value["image"]):
            at = f"{where} container {value.get('name', '?')}"
            command = as_argv(value.get("command"))
            args = as_argv(value.get("args"))
            if command is None or args is None:
                checker.problem(at, "command/args is neither a string nor a list")
            elif command:
                if names_parkstream(command[0]):
                    checker.check(at, command[1:] + args)
                    skip_ids.update({id(value.get("command")), id(value.get("args"))})
            else:
                checker.check(at + ".args", args)
                skip_ids.add(id(value.get("args")))
        for key, item in value.items():
            check_containers(item, f"{where}", checker, skip_ids)
    elif isinstance(value, list):
        for item in value:
            check_containers(item, where, checker, skip_ids)


def check_rule_copies(document, where, checker):
    """A ConfigMap holding a rules file must hold exactly the repository's copy."""
    if not (isinstance(document, dict) and document.get("kind") == "ConfigMap"):
        return
    rules = os.path.join(REPOSITORY, "rules")
    for key, text in (document.get("data") or {}).items():
        path = os.path.join(rules, key)
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as file:
                if file.read() != text:
                    checker.problem(f"{where} data.{key}", f"differs from rules/{key}; copy the file again")


def check_structured(documents, where, checker):
    for number, document in enumerate(documents):
        at = where if len(documents) == 1 else f"{where} (document {number + 1})"
        skip_ids = set()
        if isinstance(document, dict) and isinstance(document.get("services"), dict):
            check_compose(document, at, checker, skip_ids)
        check_containers(document, at, checker, skip_ids)
        check_rule_copies(document, at, checker)
        commands_in_strings(document, at, checker, skip_ids)


def logical_lines(text):
    """Lines with backslash continuations joined, each with its first line number."""
    lines, current, start = [], "", None
    for number, line in enumerate(text.splitlines(), 1):
        if start is None:
            start = number
        if line.rstrip().endswith("\\"):
            current += line.rstrip()[:-1] + " "
            continue
        lines.append((start, current + line))
        current, start = "", None
    if start is not None:
        lines.append((start, current))
    return lines


def check_systemd(text, where, checker):
    for number, line in logical_lines(text):
        match = re.match(r"\s*(ExecStart|ExecStartPre|ExecStartPost|ExecReload|ExecStop)\s*=\s*(.*)", line)
        if not match:
            continue
        try:
            argv = shlex.split(match.group(2).lstrip("-@:+!"))
        except ValueError as error:
            checker.problem(f"{where}:{number}", f"cannot split {match.group(1)}: {error}")
            continue
        if argv and names_parkstream(argv[0]):
            checker.check(f"{where}:{number}", argv[1:])


def check_dockerfile(text, where, checker):
    entrypoint, cmd = None, None
    for number, line in logical_lines(text):
        match = re.match(r"\s*(ENTRYPOINT|CMD)\s+(.*)", line, re.I)
        if not match:
            continue
        body = match.group(2).strip()
        try:
            argv = json.loads(body) if body.startswith("[") else ["/bin/sh", "-c", body]
        except json.JSONDecodeError as error:
            checker.problem(f"{where}:{number}", f"{match.group(1)} is not a JSON array: {error}")
            continue
        if match.group(1).upper() == "ENTRYPOINT":
            entrypoint, cmd = (argv, number), None  # a new ENTRYPOINT resets CMD
        else:
            cmd = (argv, number)
        if argv[:2] == ["/bin/sh", "-c"]:
            commands_in_strings(argv[2], f"{where}:{number}", checker, set())
    if entrypoint and names_parkstream(entrypoint[0][0]):
        checker.check(f"{where}:{(cmd or entrypoint)[1]}", entrypoint[0][1:] + (cmd[0] if cmd else []))
    elif cmd and names_parkstream(cmd[0][0]):
        checker.check(f"{where}:{cmd[1]}", cmd[0][1:])


def check_file(path, shown, checker):
    name = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except (OSError, UnicodeDecodeError) as error:
        checker.problem(shown, f"cannot read: {error}")
        return
    if name.endswith((".yml", ".yaml")):
        try:
            documents = [document for document in yaml.safe_load_all(text) if document is not None]
        except yaml.YAMLError as error:
            checker.problem(shown, f"not valid YAML: {' '.join(str(error).split())}")
            return
        check_structured(documents, shown, checker)
    elif name.endswith(".json"):
        try:
            documents = [json.loads(text)]
        except json.JSONDecodeError as error:
            checker.problem(shown, f"not valid JSON: {error}")
            return
        check_structured(documents, shown, checker)
    elif name.endswith(".service"):
        check_systemd(text, shown, checker)
    elif name == "Dockerfile" or (name.startswith("Dockerfile") and not name.endswith(".dockerignore")):
        check_dockerfile(text, shown, checker)


def deploy_files(paths):
    for root in paths:
        if os.path.isfile(root):
            yield root
            continue
        if not os.path.isdir(root):
            raise FileNotFoundError(root)
        for directory, subdirectories, files in os.walk(root):
            subdirectories[:] = sorted(d for d in subdirectories if d != "secrets")
            for name in sorted(files):
                if name.endswith((".yml", ".yaml", ".json", ".service")) or (
                        name.startswith("Dockerfile") and not name.endswith(".dockerignore")):
                    yield os.path.join(directory, name)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parkstream", default=os.path.join(REPOSITORY, ".build", "debug", "parkstream"),
                        help="the built parkstream binary (default: .build/debug/parkstream)")
    parser.add_argument("paths", nargs="*", default=[os.path.join(REPOSITORY, "deploy")])
    options = parser.parse_args()
    if not os.access(options.parkstream, os.X_OK):
        print(f"check-deploy: no parkstream binary at {options.parkstream} (swift build --product parkstream)",
              file=sys.stderr)
        return 2
    checker = Checker(options.parkstream)
    files = 0
    try:
        for path in deploy_files(options.paths):
            files += 1
            shown = os.path.relpath(path)
            check_file(path, path if shown.startswith("..") else shown, checker)
    except FileNotFoundError as error:
        print(f"check-deploy: no such file or directory: {error}", file=sys.stderr)
        return 2
    except RuntimeError as error:
        print(f"check-deploy: {error}", file=sys.stderr)
        return 2
    for problem in checker.problems:
        print(problem, file=sys.stderr, flush=True)
    verdict = f"{len(checker.problems)} problem(s)" if checker.problems else "all known to parkstream"
    print(f"check-deploy: {checker.lines} parkstream command line(s) in {files} file(s): {verdict}")
    return 1 if checker.problems else 0


if __name__ == "__main__":
    sys.exit(main())
