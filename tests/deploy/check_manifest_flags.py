#!/usr/bin/env python3
"""Checks that the deployment manifests only use what the programs accept.

Every ansinh container in deploy/compose/compose.yaml and deploy/k8s/*.yaml
(and every `ansinh` health check) is read as the program it runs, the flags it
passes and the ANSINH_* variables it sets; each flag must be listed by
`<program> --help` (for the CLI, by the help of the command path used) and
each variable must be one the program reads. It also checks that the ports a
manifest probes or scrapes are the ones its program is told to use. So a flag
renamed in the code fails this test instead of a deployment.

  check_manifest_flags.py --deploy-dir DIR --bin-dir DIR [--expect PROGRAM...]

A program named by --expect (the build configures it) must be in --bin-dir;
others that are not there are skipped and named. At least one invocation
must be checked.
"""

import argparse
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field

import yaml

PROGRAMS = ("ansinh-registry", "ansinh-classification", "ansinh-assignment",
            "ansinh-monitoring", "ansinh")
SHORT_NAMES = {"registry", "classification", "assignment", "monitoring"}
ENTRYPOINT = "ansinh-entrypoint"

# "  -h,--help   ..." or "  --listen TEXT=127.0.0.1:50051 (Env:ANSINH_...)"
OPTION_LINE = re.compile(r"^  (?:-[A-Za-z],)?(--[A-Za-z0-9][A-Za-z0-9-]*)(?: \[?([A-Z]+)\b)?")
ENV_NAME = re.compile(r"\(Env:(ANSINH_[A-Z0-9_]+)\)")
SUBCOMMAND_LINE = re.compile(r"^  ([a-z][a-z0-9-]*)\s")


@dataclass
class Help:
    options: dict = field(default_factory=dict)  # flag -> takes a value
    env: set = field(default_factory=set)
    subcommands: set = field(default_factory=set)


@dataclass
class Invocation:
    where: str
    program: str
    words: list
    env: dict
    probe_ports: list = field(default_factory=list)  # Kubernetes gRPC probes
    scrape_port: str = None  # the pod's prometheus.io/port annotation


class HelpCache:
    def __init__(self, bin_dir):
        self.bin_dir = bin_dir
        self.cache = {}

    def available(self, program):
        return os.access(os.path.join(self.bin_dir, program), os.X_OK)

    def get(self, program, path=()):
        key = (program, tuple(path))
        if key not in self.cache:
            command = [os.path.join(self.bin_dir, program), *path, "--help"]
            result = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
            if result.returncode != 0:
                raise RuntimeError(f"{' '.join(command)} exited {result.returncode}: {result.stderr}")
            self.cache[key] = parse_help(result.stdout)
        return self.cache[key]


def parse_help(text):
    parsed = Help()
    section = None
    for line in text.splitlines():
        if line.endswith(":") and not line.startswith(" "):
            section = line[:-1].strip()
            continue
        if section == "Options":
            match = OPTION_LINE.match(line)
            if match:
                parsed.options[match.group(1)] = match.group(2) is not None
            parsed.env.update(ENV_NAME.findall(line))
        elif section == "Subcommands":
            match = SUBCOMMAND_LINE.match(line)
            if match:
                parsed.subcommands.add(match.group(1))
    return parsed


def as_list(value):
    if value is None:
        return []
    if isinstance(value, str):
        return value.split()
    return [str(word) for word in value]


def program_of(entrypoint, command):
    """The ansinh program and its words, or None for a container of another image."""
    words = as_list(entrypoint) + as_list(command)
    if not words:
        return None
    first = os.path.basename(words[0])
    if first == ENTRYPOINT:
        words = words[1:]
        if not words:
            return None
        first = os.path.basename(words[0])
    if first in SHORT_NAMES:
        first = "ansinh-" + first
    if first not in PROGRAMS:
        return None
    return first, words[1:]


def env_of(environment):
    if isinstance(environment, dict):
        return {str(key): "" if value is None else str(value) for key, value in environment.items()}
    env = {}
    for item in environment or []:
        key, _, value = str(item).partition("=")
        env[key] = value
    return env


def compose_invocations(path):
    with open(path, encoding="utf-8") as stream:
        document = yaml.safe_load(stream)
    found = []
    for name, service in (document.get("services") or {}).items():
        image = str(service.get("image", ""))
        if "ansinh" not in image:
            continue
        where = f"{os.path.basename(path)}: service {name}"
        program = program_of(service.get("entrypoint"), service.get("command"))
        if program is None and service.get("entrypoint") is None and service.get("command") is None:
            raise ValueError(f"{where}: names no program (the image needs one as its first argument)")
        if program is not None:
            found.append(Invocation(where, program[0], program[1], env_of(service.get("environment"))))
        test = as_list((service.get("healthcheck") or {}).get("test"))
        if test and test[0] in ("CMD", "CMD-SHELL"):
            words = test[1:] if test[0] == "CMD" else test[1].split()
            health = program_of(None, words)
            if health is not None:
                found.append(Invocation(where + " healthcheck", health[0], health[1], {}))
    return found


def k8s_documents(paths):
    for path in paths:
        with open(path, encoding="utf-8") as stream:
            for document in yaml.safe_load_all(stream):
                if isinstance(document, dict):
                    yield path, document


def pod_spec_of(document):
    kind = document.get("kind")
    spec = document.get("spec") or {}
    if kind == "Pod":
        return spec
    if kind in ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"):
        return (spec.get("template") or {}).get("spec") or {}
    if kind == "CronJob":
        return (((spec.get("jobTemplate") or {}).get("spec") or {}).get("template") or {}).get("spec") or {}
    return None


def k8s_invocations(paths):
    documents = list(k8s_documents(paths))
    config_maps = {}
    for _, document in documents:
        if document.get("kind") == "ConfigMap":
            config_maps[document["metadata"]["name"]] = document.get("data") or {}
    found = []
    for path, document in documents:
        pod = pod_spec_of(document)
        if pod is None:
            continue
        annotations = ((((document.get("spec") or {}).get("template") or {}).get("metadata") or {})
                       .get("annotations") or {})
        for container in (pod.get("initContainers") or []) + (pod.get("containers") or []):
            if "ansinh" not in str(container.get("image", "")).split("/")[-1].split(":")[0]:
                continue
            where = f"{os.path.basename(path)}: {document['kind']} {document['metadata']['name']}" \
                    f" container {container.get('name')}"
            program = program_of(container.get("command"), container.get("args"))
            if program is None:
                raise ValueError(f"{where}: names no ansinh program")
            env = {item["name"]: str(item.get("value", "")) for item in container.get("env") or []}
            for source in container.get("envFrom") or []:
                name = (source.get("configMapRef") or {}).get("name")
                if name is not None:
                    if name not in config_maps:
                        raise ValueError(f"{where}: envFrom names ConfigMap {name}, defined nowhere")
                    env.update({str(key): str(value) for key, value in config_maps[name].items()})
            probes = (container.get(kind) for kind in ("startupProbe", "readinessProbe", "livenessProbe"))
            found.append(Invocation(where, program[0], program[1], env,
                                    probe_ports=[probe["grpc"]["port"] for probe in probes
                                                 if probe and "grpc" in probe],
                                    scrape_port=annotations.get("prometheus.io/port")))
    return found


def flag_values(words):
    """{flag: value} for `--flag value` and `--flag=value` (the last value wins)."""
    values = {}
    for index, word in enumerate(words):
        if word.startswith("--"):
            name, equals, value = word.partition("=")
            if equals:
                values[name] = value
            elif index + 1 < len(words):
                values[name] = words[index + 1]
    return values


def port_of(address):
    return address.rsplit(":", 1)[-1] if address else None


def check_invocation(helps, invocation):
    problems = []
    path = []
    help_now = helps.get(invocation.program)
    global_help = help_now
    index = 0
    words = invocation.words
    while index < len(words):
        word = words[index]
        if word.startswith("--"):
            name = word.partition("=")[0]
            owner = help_now if name in help_now.options else (
                global_help if name in global_help.options else None)
            if owner is None:
                command = " ".join([invocation.program, *path])
                problems.append(f"{invocation.where}: `{command}` does not accept {name}")
            elif owner.options[name] and "=" not in word:
                index += 1  # the flag's value
        elif word in help_now.subcommands:
            path.append(word)
            help_now = helps.get(invocation.program, path)
        elif help_now.subcommands:
            command = " ".join([invocation.program, *path])
            problems.append(f"{invocation.where}: `{command}` has no command {word}")
        index += 1
    for name in invocation.env:
        if name.startswith("ANSINH_") and name not in global_help.env:
            problems.append(f"{invocation.where}: {invocation.program} reads no variable {name}")

    values = flag_values(words)
    listen_port = port_of(values.get("--listen"))
    for port in invocation.probe_ports:
        if listen_port is not None and str(port) != listen_port:
            problems.append(f"{invocation.where}: probes gRPC port {port}, but --listen is {values['--listen']}")
    scrape = invocation.scrape_port
    if scrape is not None and str(scrape) != values.get("--metrics-port"):
        problems.append(f"{invocation.where}: prometheus.io/port is {scrape}, "
                        f"but --metrics-port is {values.get('--metrics-port')}")
    if "--metrics-port" in values and values.get("--metrics-address") != "0.0.0.0":
        problems.append(f"{invocation.where}: --metrics-port without --metrics-address 0.0.0.0 "
                        "cannot be scraped from outside the container")
    return problems


def compose_health_ports(path):
    """Compose services whose health check asks an address this service does not listen on."""
    problems = []
    with open(path, encoding="utf-8") as stream:
        document = yaml.safe_load(stream)
    for name, service in (document.get("services") or {}).items():
        program = program_of(service.get("entrypoint"), service.get("command"))
        test = as_list((service.get("healthcheck") or {}).get("test"))
        if program is None or program[0] == "ansinh" or not test or test[0] != "CMD":
            continue
        listen_port = port_of(flag_values(program[1]).get("--listen"))
        for flag in ("--registry", "--classification", "--assignment", "--monitoring"):
            asked = flag_values(test[1:]).get(flag)
            if asked is not None and port_of(asked) != listen_port:
                problems.append(f"compose.yaml: service {name} healthcheck asks {asked}, "
                                f"but the service listens on port {listen_port}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deploy-dir", required=True)
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--expect", nargs="*", default=[], choices=PROGRAMS,
                        help="programs this build configures, which must have been built")
    arguments = parser.parse_args()

    compose = os.path.join(arguments.deploy_dir, "compose", "compose.yaml")
    k8s_dir = os.path.join(arguments.deploy_dir, "k8s")
    k8s_files = sorted(os.path.join(root, name)
                       for root, _, names in os.walk(k8s_dir)
                       for name in names if name.endswith((".yaml", ".yml")))
    invocations = compose_invocations(compose) + k8s_invocations(k8s_files)
    problems = compose_health_ports(compose)

    helps = HelpCache(arguments.bin_dir)
    checked = 0
    skipped = set()
    for invocation in invocations:
        if not helps.available(invocation.program):
            if invocation.program in arguments.expect:
                problems.append(f"{invocation.where}: {invocation.program} is not built in "
                                f"{arguments.bin_dir}; build it first")
            else:
                skipped.add(invocation.program)
            continue
        problems.extend(check_invocation(helps, invocation))
        checked += 1

    for program in sorted(skipped):
        print(f"not built, not checked: {program}")
    print(f"{checked} invocations checked in {compose} and {len(k8s_files)} files under {k8s_dir}")
    for problem in problems:
        print("PROBLEM: " + problem)
    if checked == 0:
        print("PROBLEM: no manifest invocation could be checked: build the services and the CLI first")
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
