/* ---
id = "H2"
volgorde = 202
kernbevinding = 4
naam = "ernst_onbekend_pct"
titel = "Overtredingen zonder vastgelegde ernst"
definitie = "Aandeel van de overtredingen in het jaar (H1) waarvan de ernst ook na harmonisatie onbekend is."
eenheid = "procent"
soort = "aandeel"
paragraaf = "Overtredingen en hun ernst"
hoofdstuk = "handhaving"
# Disclosure control: the published counts this share equals (suppressed with them).
teller_gelijk_aan = ["H1[ernst=onbekend]"]
noemer_gelijk_aan = ["H1"]
dekking = true
--- */
-- Counted per (partij, gemeente) first, then summed over the levels of indeling
-- (see T1): the join with indeling sees a few thousand groups, not every row.
WITH per_gemeente AS (
    SELECT o.gebied_nr,
           SUM(CASE WHEN o.ernst = 'onbekend' THEN 1 ELSE 0 END) AS teller,
           COUNT(*) AS noemer
    FROM overtredingen o
    WHERE o.overtredingsdatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
    GROUP BY o.gebied_nr
)
SELECT i.niveau, i.eenheid,
       SUM(p.teller) AS teller,
       SUM(p.noemer) AS noemer
FROM per_gemeente p
JOIN indeling i ON i.gebied_nr = p.gebied_nr
GROUP BY i.niveau, i.eenheid
