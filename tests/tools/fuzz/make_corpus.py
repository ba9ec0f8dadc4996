#!/usr/bin/env python3
"""Writes the seed corpus of safetensors_fuzz (tests/tools/fuzz/corpus/): a few small valid files and
one of each malformation the parser refuses. Run once; the corpus is committed. Usage:
    python3 tests/tools/fuzz/make_corpus.py
"""
import pathlib
import struct

CORPUS = pathlib.Path(__file__).resolve().parent / "corpus"


def safetensors(header: str, data_bytes: int = 0) -> bytes:
    encoded = header.encode()
    return struct.pack("<Q", len(encoded)) + encoded + bytes(data_bytes)


TENSOR = '{"dtype":"F32","shape":[2],"data_offsets":[0,8]}'
SEEDS = {
    # valid
    "valid_two_tensors": safetensors(
        '{"__metadata__":{"format":"pt"},"conv.weight":{"dtype":"F32","shape":[2,1,1,1],"data_offsets":[0,8]},'
        '"bn.bias":{"dtype":"BF16","shape":[2],"data_offsets":[8,12]}}', 12),
    "valid_empty": safetensors("{}"),
    "valid_scalar": safetensors('{"s":{"dtype":"F64","shape":[],"data_offsets":[0,8]}}', 8),
    "valid_zero_size": safetensors('{"z":{"dtype":"I8","shape":[0,3],"data_offsets":[0,0]}}'),
    "valid_padded_header": safetensors('{"a":' + TENSOR + '}        ', 8),
    # invalid
    "short_file": b"\x05\x00\x00",
    "length_past_end": struct.pack("<Q", 1000) + b"{}",
    "length_absurd": struct.pack("<Q", 2**63) + b"{}",
    "not_json": safetensors('{"a":'),
    "not_object": safetensors("[1,2]"),
    "deep_nesting": safetensors("[" * 64 + "]" * 64),
    "duplicate_name": safetensors('{"a":' + TENSOR + ',"a":' + TENSOR + '}', 8),
    "entry_not_object": safetensors('{"a":[]}'),
    "dtype_not_string": safetensors('{"a":{"dtype":7,"shape":[2],"data_offsets":[0,8]}}', 8),
    "unknown_dtype": safetensors('{"a":{"dtype":"F33","shape":[2],"data_offsets":[0,8]}}', 8),
    "negative_dim": safetensors('{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}', 8),
    "overflowing_dims": safetensors('{"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}}', 8),
    "huge_dim": safetensors('{"a":{"dtype":"F32","shape":[99999999999999999999],"data_offsets":[0,8]}}', 8),
    "offsets_outside": safetensors('{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,9]}}', 8),
    "offsets_reversed": safetensors('{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}', 8),
    "size_mismatch": safetensors('{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}', 8),
    "too_many_dims": safetensors('{"a":{"dtype":"F32","shape":[1,1,1,1,1,1,1,1,1],"data_offsets":[0,4]}}', 4),
    "metadata_not_string": safetensors('{"__metadata__":{"k":1}}'),
    # the reference implementation's rules across tensors
    "valid_out_of_order": safetensors(
        '{"b":{"dtype":"I64","shape":[1],"data_offsets":[8,16]},"e":{"dtype":"F16","shape":[0],"data_offsets":[8,8]},'
        '"a":' + TENSOR + '}', 16),
    "valid_metadata_null_unknown_field": safetensors(
        '{"__metadata__":null,"a":{"note":{"x":[1]},"dtype":"F32","shape":[2],"data_offsets":[0,8]}}', 8),
    "all_at_offset_0": safetensors('{"a":' + TENSOR + ',"b":' + TENSOR + '}', 8),
    "hole": safetensors('{"a":' + TENSOR + ',"b":{"dtype":"F32","shape":[2],"data_offsets":[12,20]}}', 20),
    "data_past_tensors": safetensors('{"a":' + TENSOR + '}', 12),
    "half_bytes": safetensors('{"a":{"dtype":"F4","shape":[3],"data_offsets":[0,2]}}', 2),
    "duplicate_field": safetensors('{"a":{"dtype":"F32","shape":[2],"shape":[2],"data_offsets":[0,8]}}', 8),
    # many tensors, for the mutations to grow (tools/scripts/fuzz allows inputs of up to 4 MB)
    "valid_many_tensors": safetensors(
        "{" + ",".join(f'"layers.{i}.weight":{{"dtype":"F32","shape":[2],"data_offsets":[{8 * i},{8 * i + 8}]}}'
                       for i in range(300)) + "}", 8 * 300),
}

if __name__ == "__main__":
    CORPUS.mkdir(exist_ok=True)
    for name, content in SEEDS.items():
        (CORPUS / f"{name}.safetensors").write_bytes(content)
    print(f"wrote {len(SEEDS)} files to {CORPUS}")
