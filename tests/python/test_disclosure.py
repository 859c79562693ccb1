"""The attacker (aanvaller.py) on the open release of the samples: it recovers no
suppressed cell, while on the same figures under primary suppression alone it does."""

import json

import pyarrow.parquet as pq

import aanvaller


def test_the_attacker_recovers_no_suppressed_cell(out):
    v = aanvaller.verdict(out)
    assert v["onderdrukte_grootheden"] > 0, v
    assert v["teruggerekend"] == 0, v
    assert v["samen_te_klein"] == 0, v


def test_primary_suppression_alone_is_broken_by_the_same_attack(out, manifest):
    # The attack can fail: without secondary suppression it gives cells back.
    o = manifest["configuratie"]["openbaarheid"]
    true_rows = aanvaller.rows(out / "restricted" / "indicatoren.parquet")
    kind = aanvaller.kinds(true_rows)
    naive = aanvaller.verdict(
        out, aanvaller.primary_only(true_rows, kind, o["min_celwaarde"], o["min_noemer"])
    )
    assert naive["teruggerekend_niet_nul"] > 0, naive


def test_the_manifest_counts_primary_and_secondary_suppression(out, manifest):
    t = manifest["stappen"]["indicators"]["onderdrukking"]
    open_rows = pq.read_table(out / "data" / "indicatoren.parquet").to_pylist()
    assert t["cellen"] == len(open_rows)
    assert t["primair"] + t["secundair"] == sum(r["status"] == "onderdrukt" for r in open_rows)
    assert t["secundair"] > 0
    codebook = (out / "data" / "codebook.md").read_text(encoding="utf-8")
    assert f"{t['primair']} primair onderdrukt" in codebook
    assert f"{t['secundair']} secundair" in codebook
