/* ---
id = "H3"
volgorde = 203
kernbevinding = 5
naam = "opvolging_pct"
titel = "Opvolging van middelzware en zware overtredingen"
definitie = "Aandeel van de middelzware en zware overtredingen in het jaar met ten minste één handhavingsmaatregel (opgelegd uiterlijk op de peildatum) waarvan het instrument niet informeel is."
eenheid = "procent"
soort = "aandeel"
paragraaf = "Opvolging"
hoofdstuk = "handhaving"
# A key indicator of the regional differences: drawn as maps in the report.
kaart = true
# Disclosure control: the published counts this share equals (suppressed with them).
noemer_gelijk_aan = ["H1[ernst=middelzwaar]", "H1[ernst=zwaar]"]
dekking = true
--- */
WITH formeel AS (
    SELECT DISTINCT overtreding_nr, 1 AS opgevolgd
    FROM handhavingsmaatregelen
    WHERE categorie <> 'informeel'
      AND datum_opleggen <= DATE('{{ peildatum }}')
),
-- Counted per (partij, gemeente) first, then summed over the levels of indeling
-- (see T1): the join with indeling sees a few thousand groups, not every row.
per_gemeente AS (
    SELECT o.gebied_nr,
           SUM(COALESCE(f.opgevolgd, 0)) AS teller,
           COUNT(*) AS noemer
    FROM overtredingen o
    LEFT JOIN formeel f ON f.overtreding_nr = o.overtreding_nr
    WHERE o.overtredingsdatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
      AND o.ernst IN ('middelzwaar', 'zwaar')
    GROUP BY o.gebied_nr
)
SELECT i.niveau, i.eenheid,
       SUM(p.teller) AS teller,
       SUM(p.noemer) AS noemer
FROM per_gemeente p
JOIN indeling i ON i.gebied_nr = p.gebied_nr
GROUP BY i.niveau, i.eenheid
