"""The attacker of the open release (pipeline/spec/indicators.md, disclosure control).

Reads `data/indicatoren.parquet` (open) and `restricted/indicatoren.parquet` (the true
values) of an output tree and tries to recompute every suppressed cell from what is
published, as someone with the open file and a spreadsheet would:

- additive groups: the eenheden of one niveau add up to `nationaal` (per indicator,
  jaar, dimensie, dimensie_waarde); the codes of a breakdown add up to their total row
  (per indicator, jaar, niveau, eenheid, dimensie). An equation with one unknown gives
  it; unknowns together below the threshold are an interval disclosure.
- linked tellers and noemers of shares: T2's noemer is T1, H2's teller is H1 onbekend
  and its noemer H1, H3's and H4's noemer is H1 middelzwaar + zwaar, H7's is H1 zwaar,
  H9's is H6 last_onder_dwangsom, C1's is H1; K1's noemer is H6 proces_verbaal, K2's
  noemer K1's teller and its teller K3, K5's noemer H1 zwaar.
- the tellers and noemers of shares add up over eenheden like counts;
- a rolled-up code is the sum of the codes under it (H6's categorie and instruments,
  K3's categorie and afdoeningen), from the code lists;
- a province that is the same gemeenten as one omgevingsdienst region (from
  queries/referentie/gemeenten.csv) has the same figures;
- comparable years (pipeline/spec/dekking.md): a national row (no breakdown) is its
  panel row (dimensie `vergelijkbaar`, e.g. `2024/2025`) plus the party rows of the
  parties outside the panel, those with controles (a T1 party row) in only one of
  the two years; a panel share's teller and noemer are linked like the national one's.

A disclosure is a suppressed count or a suppressed share's teller given back exactly,
or suppressed cells shown to be smaller together than the threshold.

What one equation gives is used in the next (the attack repeats until nothing new is
found). Written from the spec, independently of the pipeline's code.

    python aanvaller.py <output tree>       prints a JSON verdict; exit 1 on a leak
"""

import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

import pyarrow.parquet as pq

# share → [(teller or noemer, [(count indicator, (dimensie, code) or None)])]
LINKS = {
    "T2": [("noemer", [("T1", None)])],
    "H2": [("teller", [("H1", ("ernst", "onbekend"))]), ("noemer", [("H1", None)])],
    "H3": [("noemer", [("H1", ("ernst", "middelzwaar")), ("H1", ("ernst", "zwaar"))])],
    "H4": [("noemer", [("H1", ("ernst", "middelzwaar")), ("H1", ("ernst", "zwaar"))])],
    "H7": [("noemer", [("H1", ("ernst", "zwaar"))])],
    "H9": [("noemer", [("H6", ("handhavingsinstrument", "last_onder_dwangsom"))])],
    "C1": [("noemer", [("H1", None)])],
    "K1": [("noemer", [("H6", ("handhavingsinstrument", "proces_verbaal"))])],
    "K2": [("noemer", [("K1", None, "teller")]), ("teller", [("K3", None)])],
    "K5": [("noemer", [("H1", ("ernst", "zwaar"))])],
}


QUERIES = Path(__file__).resolve().parents[2] / "queries"

# Breakdowns that roll up into another: (indicator, detailed dimensie, rolled-up
# dimensie, code list whose `categorie` column gives the rolled-up code).
ROLLUPS = [
    ("H6", "handhavingsinstrument", "categorie", "handhavingsinstrument"),
    ("K3", "afdoening", "categorie_afdoening", "afdoening_om"),
]


def rollups():
    out = []
    for ind, onder, boven, lijst in ROLLUPS:
        with open(QUERIES / "codelijsten" / f"{lijst}.csv", encoding="utf-8") as f:
            out.append((ind, onder, boven, {r["code"]: r["categorie"] for r in csv.DictReader(f)}))
    return out


def same_units():
    """Omgevingsdienst regions and provinces that are the same gemeenten."""
    od, pv = defaultdict(set), defaultdict(set)
    with open(QUERIES / "referentie" / "gemeenten.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            od[r["omgevingsdienst_code"]].add(r["gemeente_code"])
            pv[r["provincie_code"]].add(r["gemeente_code"])
    return [(o, p) for o, a in od.items() for p, b in pv.items() if a == b]


def rows(path: Path):
    return pq.read_table(path).to_pylist()


def key(r, field):
    return (r["indicator_id"], r["jaar"], r["niveau"], r["eenheid"], r["dimensie"], r["dimensie_waarde"], field)


def kinds(true_rows):
    """count, share or median, from the unsuppressed rows."""
    k = {}
    for r in true_rows:
        if r["teller"] is not None:
            k[r["indicator_id"]] = "share"
        elif r["noemer"] is not None:
            k.setdefault(r["indicator_id"], "median")
            if k[r["indicator_id"]] != "share":
                k[r["indicator_id"]] = "median"
        else:
            k.setdefault(r["indicator_id"], "count")
    return k


def variables(rows_, kind):
    """Every additive quantity of a release: a count's waarde, a share's teller and
    noemer; None where it is not published."""
    out = {}
    for r in rows_:
        k = kind.get(r["indicator_id"])
        if k == "count":
            out[key(r, "waarde")] = None if r["waarde"] is None else round(r["waarde"])
        elif k == "share":
            out[key(r, "teller")] = r["teller"]
            out[key(r, "noemer")] = r["noemer"]
    return out


def equations(keys):
    """(total, [members]) for every additive group."""
    per_niveau, per_breakdown = defaultdict(list), defaultdict(list)
    for k in keys:
        ind, jaar, niveau, eenheid, dim, dw, field = k
        if niveau != "nationaal":
            per_niveau[(ind, jaar, niveau, dim, dw, field)].append(k)
        if dim is not None and dim != VERGELIJKBAAR:
            per_breakdown[(ind, jaar, niveau, eenheid, dim, field)].append(k)
    eqs = []
    for (ind, jaar, _, dim, dw, field), members in per_niveau.items():
        total = (ind, jaar, "nationaal", "NL", dim, dw, field)
        if total in keys:
            eqs.append((total, members))
    for (ind, jaar, niveau, eenheid, _, field), members in per_breakdown.items():
        total = (ind, jaar, niveau, eenheid, None, None, field)
        if total in keys:
            eqs.append((total, members))
    # A rolled-up code is the sum of the detailed codes under it (H6: a categorie
    # and its instruments).
    for ind, onder, boven, categorie in rollups():
        per = defaultdict(list)
        for k in keys:
            i, jaar, niveau, eenheid, dim, dw, field = k
            if i == ind and dim == onder and dw in categorie:
                per[(jaar, niveau, eenheid, categorie[dw], field)].append(k)
        for (jaar, niveau, eenheid, c, field), members in per.items():
            total = (ind, jaar, niveau, eenheid, boven, c, field)
            if total in keys:
                eqs.append((total, members))
    # A province that is one omgevingsdienst region: the same number twice.
    gelijk = same_units()
    for k in keys:
        i, jaar, niveau, eenheid, dim, dw, field = k
        if niveau != "omgevingsdienst_regio":
            continue
        for od, pv in gelijk:
            twin = (i, jaar, "provincie", pv, dim, dw, field)
            if eenheid == od and twin in keys:
                eqs.append((k, [twin]))
    # Linked shares: the share's teller/noemer = the sum of the named count cells;
    # a panel share's, the panel rows of the named totals.
    for k in keys:
        ind, jaar, niveau, eenheid, dim, dw, field = k
        for f, targets in LINKS.get(ind, []):
            if f != field or (dim is not None and dim != VERGELIJKBAAR):
                continue
            if dim == VERGELIJKBAAR and any(t[1] for t in targets):
                continue
            cells = [
                (t[0], jaar, niveau, eenheid, t[1][0] if t[1] else dim, t[1][1] if t[1] else dw,
                 t[2] if len(t) > 2 else "waarde")
                for t in targets
            ]
            if all(c in keys for c in cells):
                eqs.append((k, cells))
    eqs.extend(panel_equations(keys))
    return eqs


VERGELIJKBAAR = "vergelijkbaar"


def panel_equations(keys):
    """national = panel + the party rows of the parties outside the panel."""
    met_controles = defaultdict(set)
    for ind, jaar, niveau, eenheid, dim, dw, field in keys:
        if ind == "T1" and niveau == "partij" and dim is None:
            met_controles[jaar].add(eenheid)
    eqs = []
    for k in keys:
        ind, jaar, niveau, eenheid, dim, dw, field = k
        if dim != VERGELIJKBAAR:
            continue
        vorig, volgend = (int(x) for x in dw.split("/"))
        buiten = met_controles[vorig] ^ met_controles[volgend]
        total = (ind, jaar, "nationaal", "NL", None, None, field)
        members = [k] + [
            (ind, jaar, "partij", p, None, None, field)
            for p in sorted(buiten)
            if (ind, jaar, "partij", p, None, None, field) in keys
        ]
        if total in keys:
            eqs.append((total, members))
    return eqs


def attack(published, truth, min_cel, min_noemer):
    """Every cell recovered exactly, and every group whose unknowns are shown to be
    smaller together than the threshold."""
    known = dict((k, v) for k, v in published.items() if v is not None)
    eqs = equations(set(published))
    recovered = {}
    changed = True
    while changed:
        changed = False
        for total, members in eqs:
            cells = [total] + members
            unknown = [c for c in cells if c not in known]
            if len(unknown) != 1:
                continue
            (u,) = unknown
            rest = sum(known[m] for m in members if m != u)
            value = known[total] - rest if u != total else sum(known[m] for m in members)
            # Provinces need not add up to NL (a gemeente outside the reference); a
            # guess that is not the true value is no disclosure.
            if value == truth.get(u):
                known[u] = value
                recovered[u] = value
                changed = True
    small = []
    for total, members in eqs:
        unknown = [m for m in members if m not in known]
        if total not in known or len(unknown) < 2 or total[-1] == "noemer":
            continue
        together = known[total] - sum(known[m] for m in members if m in known)
        if together != sum(truth[m] for m in unknown):
            continue  # not an exact equation (provinces need not add up to NL)
        if total[-1] == "waarde" and together < min_cel:
            small.append((total, unknown, together))
        # The tellers of suppressed shares are known together: that is a share over
        # their noemers together, which must not be below min_noemer either.
        if total[-1] == "teller" and all(m[-1] == "teller" for m in unknown):
            noemer = sum(truth[m[:-1] + ("noemer",)] for m in unknown)
            if noemer < min_noemer:
                small.append((total, unknown, noemer))
    return recovered, small


def primary_only(true_rows, kind, min_cel, min_noemer):
    """The open release as primary suppression alone would make it."""
    out = []
    for r in true_rows:
        k = kind[r["indicator_id"]]
        if k == "count":
            hide = r["waarde"] is not None and r["waarde"] < min_cel
        else:
            hide = r["noemer"] is not None and 0 < r["noemer"] < min_noemer
        out.append({**r, "waarde": None, "teller": None, "noemer": None} if hide else r)
    return out


def verdict(out: Path, release=None):
    config = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["configuratie"]
    min_cel = config["openbaarheid"]["min_celwaarde"]
    min_noemer = config["openbaarheid"]["min_noemer"]
    true_rows = rows(out / "restricted" / "indicatoren.parquet")
    kind = kinds(true_rows)
    open_rows = release if release is not None else rows(out / "data" / "indicatoren.parquet")
    truth = variables(true_rows, kind)
    published = variables(open_rows, kind)
    recovered, small = attack(published, truth, min_cel, min_noemer)
    suppressed = [k for k, v in published.items() if v is None and truth.get(k) is not None]
    # What a suppressed cell protects: a count, or a share's teller. A share's noemer
    # that equals a published count is no secret (T2's noemer is the published
    # T1); it only helps the attack along, as every known value does.
    # Likewise a share's teller that equals a published count (K2's teller is the
    # published K3 total): given by a link equation whose other side is published.
    openbaar = {
        total
        for total, members in equations(set(published))
        if total[-1] == "teller" and all(published.get(m) is not None for m in members)
    }
    disclosed = {
        k: v for k, v in recovered.items() if k[-1] in ("waarde", "teller") and k not in openbaar
    }
    return {
        "onderdrukte_grootheden": len(suppressed),
        "teruggerekend": len(disclosed),
        "teruggerekend_niet_nul": sum(1 for v in disclosed.values() if v != 0),
        "teruggerekend_aantallen": sum(1 for k in disclosed if k[-1] == "waarde"),
        "voorbeelden": sorted(
            [list(k) + [v] for k, v in disclosed.items() if v != 0], key=str
        )[:10],
        "samen_te_klein": len(small),
    }


def main():
    out = Path(sys.argv[1])
    v = verdict(out)
    true_rows = rows(out / "restricted" / "indicatoren.parquet")
    kind = kinds(true_rows)
    config = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["configuratie"]
    naive = verdict(
        out,
        primary_only(true_rows, kind, config["openbaarheid"]["min_celwaarde"], config["openbaarheid"]["min_noemer"]),
    )
    print(json.dumps({"open": v, "alleen_primair": naive}, default=str))
    sys.exit(1 if v["teruggerekend"] or v["samen_te_klein"] else 0)


if __name__ == "__main__":
    main()
