import io, sys, zlib, msgpack, numpy as np, lz4.block

def lz4_block_array(value):
    """MessagePack-CSharp's Lz4BlockArray [ExtType(98, lengths), bin, bin, ...] -> the bytes it compresses."""
    if not (isinstance(value, list) and value and isinstance(value[0], msgpack.ExtType) and value[0].code == 98):
        return None  # not compressed: values under 64 bytes, and the end marker, are written as they are
    lengths = list(msgpack.Unpacker(io.BytesIO(value[0].data)))  # uncompressed size of each chunk, one int each
    chunks = value[1:]
    assert len(lengths) == len(chunks)
    return b"".join(lz4.block.decompress(c, uncompressed_size=n) for n, c in zip(lengths, chunks))

with open(sys.argv[1], "rb") as f:
    records = msgpack.Unpacker(f, raw=False)
    header = next(records)  # {"format": ..., "version": 1, "metadata": {...}, "compression": "lz4"}
    for value in records:
        raw = lz4_block_array(value)
        ep = value if raw is None else msgpack.unpackb(raw, raw=False)
        if "end_of_episodes" in ep: break
        crc_ok = raw is None or zlib.crc32(raw[:-11]) == ep["crc32"]  # the CRC covers the uncompressed map
        n, o = ep["length"], ep["observation_size"]
        obs = np.frombuffer(ep["observations"], ep["observation_dtype"]).reshape(n + 1, o)
        print(header["compression"], ep["labels"]["label"], n, o, int(obs.sum(dtype=np.int64)), crc_ok)
