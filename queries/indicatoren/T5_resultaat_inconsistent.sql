/* ---
id = "T5"
volgorde = 105
naam = "resultaat_inconsistent"
titel = "Controles met een tegenstrijdig resultaat"
definitie = "Aantal controles in het jaar (T1) met resultaat 'overtreden' zonder gekoppelde overtreding, of met een gekoppelde overtreding maar resultaat 'nageleefd' (een signaal over de datakwaliteit)."
eenheid = "aantal"
soort = "aantal"
paragraaf = "Kwaliteit van de registratie"
hoofdstuk = "toezicht"
dekking = true
--- */
-- Counted per (partij, gemeente) first, then summed over the levels of indeling:
-- the join with indeling then sees a few thousand groups instead of every row.
-- Inconsistent: `overtreden` without an overtreding (anti join) or `nageleefd`
-- with one (semi join). An eenheid with controles and neither gets 0 by the
-- completion of the grid, as before.
WITH inconsistent AS (
    SELECT c.gebied_nr
    FROM controles c
    ANTI JOIN overtredingen o ON o.controle_nr = c.controle_nr
    WHERE c.controledatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
      AND c.resultaat = 'overtreden'
    UNION ALL
    SELECT c.gebied_nr
    FROM controles c
    SEMI JOIN overtredingen o ON o.controle_nr = c.controle_nr
    WHERE c.controledatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
      AND c.resultaat = 'nageleefd'
),
per_gemeente AS (
    SELECT gebied_nr, COUNT(*) AS n
    FROM inconsistent
    GROUP BY gebied_nr
)
SELECT i.niveau, i.eenheid, SUM(p.n) AS waarde
FROM per_gemeente p
JOIN indeling i ON i.gebied_nr = p.gebied_nr
GROUP BY i.niveau, i.eenheid
