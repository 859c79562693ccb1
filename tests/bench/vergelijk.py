"""The comparison of a DuckDB reference of `vth bench` with the pipeline's
restricted indicatoren.parquet, at the nationaal and partij levels, total rows only.

A share (waarde None in the reference) is compared by teller and noemer, H5 (a
median of whole days, possibly a half) exactly, any other count by its value. A
figure the pipeline has for a year the reference computed, and the reference lacks,
is a difference too unless it is empty."""


def verschillen(con, uitvoer, referentie, ids):
    """Every difference as `(id, jaar, niveau, eenheid): duckdb …, pipeline …`, sorted."""
    lijst = ", ".join(f"'{i}'" for i in sorted(ids))
    ons = {}
    for r in con.execute(f"""
        SELECT indicator_id, jaar, niveau, eenheid, teller, noemer, waarde
        FROM read_parquet('{uitvoer}/restricted/indicatoren.parquet')
        WHERE indicator_id IN ({lijst}) AND niveau IN ('nationaal', 'partij') AND dimensie IS NULL""").fetchall():
        ons[(r[0], r[1], r[2], r[3])] = r[4:]
    jaren = {r[1] for r in referentie}
    uit = []
    gezien = set()
    for id_, jaar, niveau, eenheid, teller, noemer, waarde in referentie:
        sleutel = (id_, jaar, niveau, eenheid)
        gezien.add(sleutel)
        o = ons.get(sleutel)
        if waarde is None:
            gelijk = o is not None and (o[0], o[1]) == (teller, noemer)
        elif id_ == "H5":
            gelijk = o is not None and o[2] is not None and abs(o[2] - waarde) < 1e-9
        else:
            gelijk = o is not None and o[2] is not None and round(o[2]) == waarde
        if not gelijk:
            uit.append(f"{sleutel}: duckdb {(teller, noemer, waarde)}, pipeline {o}")
    for sleutel, o in ons.items():
        if sleutel not in gezien and sleutel[1] in jaren and ((o[2] or 0) != 0 or (o[1] or 0) != 0):
            uit.append(f"{sleutel}: duckdb none, pipeline {o}")
    return sorted(uit)
