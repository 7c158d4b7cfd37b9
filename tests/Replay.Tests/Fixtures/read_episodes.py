# Reads an RlFramework episode file and a replay-buffer file with Python's msgpack package and prints a JSON
# summary; used by PythonInteropTests and mirrors the example in docs/episode-format.md.
import json, sys, zlib
import msgpack
import numpy as np

summary = {"episodes": []}
with open(sys.argv[1], "rb") as f:
    raw = f.read()
unpacker = msgpack.Unpacker(raw=False)
unpacker.feed(raw)
header = next(unpacker)
summary["header"] = header
start = unpacker.tell()
for ep in unpacker:
    end = unpacker.tell()
    if "end_of_episodes" in ep:
        summary["end_of_episodes"] = ep["end_of_episodes"]
        break
    n, o = ep["length"], ep["observation_size"]
    obs = np.frombuffer(ep["observations"], dtype=ep["observation_dtype"]).reshape(n + 1, o)
    actions = np.frombuffer(ep["actions"], dtype=ep["action_dtype"]).reshape(n, ep["action_size"])
    rewards = np.frombuffer(ep["rewards"], dtype="<f4")
    terminated = np.frombuffer(ep["terminated"], dtype="|b1")
    truncated = np.frombuffer(ep["truncated"], dtype="|b1")
    summary["episodes"].append({
        "length": n,
        "obs": obs.tolist(),
        "actions": actions.tolist(),
        "rewards": rewards.tolist(),
        "terminated": terminated.tolist(),
        "truncated": truncated.tolist(),
        "infos": ep["infos"],
        "labels": ep["labels"],
        "return": ep["return"],
        "crc_ok": zlib.crc32(raw[start:end - 11]) == ep["crc32"],
    })
    start = end

if len(sys.argv) > 2:
    with open(sys.argv[2], "rb") as f:
        braw = f.read()
    buf = msgpack.unpackb(braw, raw=False)
    o = buf["observation_size"]
    summary["buffer"] = {
        "format": buf["format"],
        "count": buf["count"],
        "observations": np.frombuffer(buf["observations"], "<f4").reshape(-1, o).tolist(),
        "actions": np.frombuffer(buf["actions"], buf["action_dtype"]).tolist(),
        "terminated": np.frombuffer(buf["terminated"], "|b1").tolist(),
        "crc_ok": zlib.crc32(braw[:-11]) == buf["crc32"],
    }
print(json.dumps(summary))
