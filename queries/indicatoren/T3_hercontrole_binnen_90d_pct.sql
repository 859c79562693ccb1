/* ---
id = "T3"
volgorde = 103
naam = "hercontrole_binnen_90d_pct"
titel = "Hercontrole binnen 90 dagen"
definitie = "Aandeel van de overtredingen in het jaar waarvan de overtredingsdatum plus 90 dagen niet na de peildatum valt, waarbij dezelfde partij binnen 90 dagen na de overtredingsdatum een hercontrole uitvoerde bij hetzelfde object."
eenheid = "procent"
soort = "aandeel"
paragraaf = "Hercontroles"
hoofdstuk = "toezicht"
# Hercontroles early in the next year arrive with the next year's delivery.
volgjaar_nodig = true
dekking = true
--- */
WITH noemer AS (
    SELECT o.overtreding_nr, o.object_nr, o.gebied_nr, o.overtredingsdatum
    FROM overtredingen o
    WHERE o.overtredingsdatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
      AND o.overtredingsdatum + INTERVAL '90 days' <= DATE('{{ peildatum }}')
),
hercontroles AS (
    SELECT object_nr, controledatum
    FROM controles
    WHERE controletype = 'hercontrole'
),
binnen_90d AS (
    SELECT DISTINCT n.overtreding_nr, 1 AS gevolgd
    FROM noemer n
    JOIN hercontroles h ON h.object_nr = n.object_nr
    WHERE h.controledatum > n.overtredingsdatum
      AND h.controledatum <= n.overtredingsdatum + INTERVAL '90 days'
),
-- Counted per (partij, gemeente) first, then summed over the levels of indeling
-- (see T1): the join with indeling sees a few thousand groups, not every row.
per_gemeente AS (
    SELECT n.gebied_nr,
           SUM(COALESCE(b.gevolgd, 0)) AS teller,
           COUNT(*) AS noemer
    FROM noemer n
    LEFT JOIN binnen_90d b ON b.overtreding_nr = n.overtreding_nr
    GROUP BY n.gebied_nr
)
SELECT i.niveau, i.eenheid,
       SUM(p.teller) AS teller,
       SUM(p.noemer) AS noemer
FROM per_gemeente p
JOIN indeling i ON i.gebied_nr = p.gebied_nr
GROUP BY i.niveau, i.eenheid
