/* ---
id = "H7"
volgorde = 207
kernbevinding = 7
naam = "strafrechtelijk_pct"
titel = "Strafrechtelijke opvolging van zware overtredingen"
definitie = "Aandeel van de zware overtredingen in het jaar met ten minste één maatregel (tot de peildatum) van de categorie strafrechtelijk."
eenheid = "procent"
soort = "aandeel"
paragraaf = "Bestuursrecht en strafrecht"
hoofdstuk = "handhaving"
# Disclosure control: the published counts this share equals (suppressed with them).
noemer_gelijk_aan = ["H1[ernst=zwaar]"]
dekking = true
--- */
WITH strafrechtelijk AS (
    SELECT DISTINCT overtreding_nr, 1 AS straf
    FROM handhavingsmaatregelen
    WHERE categorie = 'strafrechtelijk'
      AND datum_opleggen <= DATE('{{ peildatum }}')
),
-- Counted per (partij, gemeente) first, then summed over the levels of indeling
-- (see T1): the join with indeling sees a few thousand groups, not every row.
per_gemeente AS (
    SELECT o.gebied_nr,
           SUM(COALESCE(s.straf, 0)) AS teller,
           COUNT(*) AS noemer
    FROM overtredingen o
    LEFT JOIN strafrechtelijk s ON s.overtreding_nr = o.overtreding_nr
    WHERE o.overtredingsdatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
      AND o.ernst = 'zwaar'
    GROUP BY o.gebied_nr
)
SELECT i.niveau, i.eenheid,
       SUM(p.teller) AS teller,
       SUM(p.noemer) AS noemer
FROM per_gemeente p
JOIN indeling i ON i.gebied_nr = p.gebied_nr
GROUP BY i.niveau, i.eenheid
