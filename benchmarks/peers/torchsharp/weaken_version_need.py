#!/usr/bin/env python3
"""Marks one version need of an ELF64 shared library weak (VER_FLG_WEAK in its .gnu.version_r Vernaux entry).

Usage: weaken_version_need.py LIBRARY VERSION   (e.g. libLibTorchSharp.so GLIBCXX_3.4.32)

glibc's loader refuses a library whose non-weak version need is absent from the providing library
("version `GLIBCXX_3.4.32' not found"); a weak need that is absent is skipped. Edits the file in place,
prints what it did, exits 0 if the need is weak afterwards (also when it already was), 1 if the file has no such need.
"""
import struct
import sys

VER_FLG_WEAK = 0x2
SHT_GNU_VERNEED = 0x6FFFFFFE


def main(path: str, version: str) -> int:
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            raise SystemExit(f"{path}: not a little-endian ELF64 file")
        e_shoff, = struct.unpack_from("<Q", data, 0x28)
        e_shentsize, e_shnum = struct.unpack_from("<HH", data, 0x3A)
        sections = [struct.unpack_from("<IIQQQQIIQQ", data, e_shoff + i * e_shentsize) for i in range(e_shnum)]
        for sh_name, sh_type, _, _, sh_offset, _, sh_link, sh_info, _, _ in sections:
            if sh_type != SHT_GNU_VERNEED:
                continue
            strtab_offset = sections[sh_link][4]
            need = sh_offset
            for _ in range(sh_info):  # sh_info = number of Verneed entries
                _, _, vn_file, vn_aux, vn_next = struct.unpack_from("<HHIII", data, need)
                aux = need + vn_aux
                while True:
                    _, vna_flags, vna_other, vna_name, vna_next = struct.unpack_from("<IHHII", data, aux)
                    end = data.index(b"\0", strtab_offset + vna_name)
                    if data[strtab_offset + vna_name:end].decode() == version:
                        if vna_flags & VER_FLG_WEAK:
                            print(f"{path}: {version} already weak")
                        else:
                            struct.pack_into("<H", data, aux + 4, vna_flags | VER_FLG_WEAK)
                            f.seek(0)
                            f.write(data)
                            print(f"{path}: {version} need marked weak (flags {vna_flags:#x} -> {vna_flags | VER_FLG_WEAK:#x})")
                        return 0
                    if vna_next == 0:
                        break
                    aux += vna_next
                if vn_next == 0:
                    break
                need += vn_next
    print(f"{path}: no version need named {version}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
