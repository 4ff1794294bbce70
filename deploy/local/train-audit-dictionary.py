#!/usr/bin/python3
"""Trains the zstd dictionary monitoring compresses audit entries with.

Reads the audit chain of a ward's Redis (by default the one `make run` keeps
under var/redis, with its demo ward: every kind of event ansinh publishes),
decompresses each entry with the dictionary it names (kept beside the chain
in ansinh:{audit}:monitoring:audit:dictionaries), and trains a new dictionary
on them with the zstd command-line tool. The result replaces the one file in
services/monitoring/dictionaries/; the next build compiles it in
(services/monitoring/adapters/audit_dictionaries.h). Entries already written
keep naming their old dictionary, which monitoring keeps and loads, so they
still verify.

Needs the Debian packages python3-redis and zstd, and a running Redis:
    deploy/local/train-audit-dictionary.py --port 6390 --password-file var/redis/password
"""

import argparse
import pathlib
import subprocess
import sys
import tempfile

try:
    import redis
except ImportError:
    sys.exit("needs the python3-redis package: apt-get install python3-redis zstd")

ENTRIES = "ansinh:{audit}:monitoring:audit:entries"
DICTIONARIES = "ansinh:{audit}:monitoring:audit:dictionaries"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
# Our own range of dictionary ids ("ans" and a version byte), far from the
# ids zstd picks at random and from any other ansinh dictionary.
ID_BASE = 0x616E7300


def frame_dictionary_id(frame: bytes) -> int:
    """The dictionary id a zstd frame header names (0: none); RFC 8878 3.1.1.1."""
    if frame[:4] != ZSTD_MAGIC:
        raise ValueError("not a zstd frame")
    descriptor = frame[4]
    id_size = (0, 1, 2, 4)[descriptor & 0x3]
    single_segment = descriptor & 0x20
    start = 5 if single_segment else 6
    return int.from_bytes(frame[start:start + id_size], "little") if id_size else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--password-file", help="the Redis password, e.g. var/redis/password")
    parser.add_argument("--version", type=int, required=True, help="the new dictionary's version (1-255)")
    parser.add_argument("--size", type=int, default=65536, help="dictionary bytes (default 64 KiB)")
    parser.add_argument("--out-dir", default=str(pathlib.Path(__file__).resolve().parents[2] /
                                                 "services/monitoring/dictionaries"))
    args = parser.parse_args()
    if not 1 <= args.version <= 255:
        parser.error("--version must be 1-255")

    password = pathlib.Path(args.password_file).read_text().strip() if args.password_file else None
    store = redis.Redis(host=args.host, port=args.port, password=password)
    stored = store.lrange(ENTRIES, 0, -1)
    dictionaries = {int(k): v for k, v in store.hgetall(DICTIONARIES).items()}
    if len(stored) < 1000:
        sys.exit(f"only {len(stored)} audit entries: run a ward's review first (make run loads the demo ward)")

    with tempfile.TemporaryDirectory() as work:
        work = pathlib.Path(work)
        for dictionary_id, bytes_ in dictionaries.items():
            (work / f"{dictionary_id}.zdict").write_bytes(bytes_)
        samples = work / "samples"
        samples.mkdir()
        for i, value in enumerate(stored):
            sample = samples / f"{i:08d}"
            if not value.startswith(b"\0"):  # stored plain: too small to compress
                sample.write_bytes(value)
                continue
            frame = value[1:]
            command = ["zstd", "-q", "-d", "-o", str(sample)]
            if dictionary_id := frame_dictionary_id(frame):
                command += ["-D", str(work / f"{dictionary_id}.zdict")]
            subprocess.run(command, input=frame, check=True)
        new_id = ID_BASE + args.version
        out = pathlib.Path(args.out_dir) / f"audit-entries-{new_id}.zdict"
        subprocess.run(["zstd", "-q", "--train", *map(str, sorted(samples.iterdir())), "-3",
                        f"--maxdict={args.size}", f"--dictID={new_id}", "-o", str(out)], check=True)
    print(f"trained {out} (id {new_id}) on {len(stored)} audit entries; remove the older "
          "audit-entries-*.zdict beside it and rebuild")


if __name__ == "__main__":
    main()
