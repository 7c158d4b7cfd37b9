import sys, msgpack, numpy as np

with open(sys.argv[1], "rb") as f:
    records = msgpack.Unpacker(f, raw=False)
    header = next(records)  # {"format": "rlframework.episodes", "version": 1, "metadata": {...}}
    for ep in records:
        if "end_of_episodes" in ep: break  # end marker: {"end_of_episodes": N}
        n, o = ep["length"], ep["observation_size"]
        obs = np.frombuffer(ep["observations"], ep["observation_dtype"]).reshape(n + 1, o)
        actions = np.frombuffer(ep["actions"], ep["action_dtype"]).reshape(n, ep["action_size"])
        rewards = np.frombuffer(ep["rewards"], "<f4")
        print(ep["labels"]["tag"], n, float(rewards.sum()), obs[-1].tolist(), actions[:, 0].tolist())
