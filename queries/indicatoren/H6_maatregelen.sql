/* ---
id = "H6"
volgorde = 206
naam = "maatregelen"
titel = "Handhavingsmaatregelen"
definitie = "Aantal handhavingsmaatregelen (opgelegd uiterlijk op de peildatum) bij overtredingen in het jaar (H1), in totaal, naar handhavingsinstrument en naar categorie."
eenheid = "aantal"
soort = "aantal"
paragraaf = "Handhavingsinstrumenten"
hoofdstuk = "handhaving"
dimensies = { handhavingsinstrument = "handhavingsinstrument", categorie = "handhavingsinstrument.categorie" }
dekking = true
--- */
-- Counted per (partij, gemeente), instrument and categorie first, then summed over
-- the levels of indeling (see T1): the join with indeling sees a few thousand
-- groups, not every measure.
WITH per_gemeente AS (
    SELECT o.gebied_nr, m.handhavingsinstrument, m.categorie, COUNT(*) AS n
    FROM handhavingsmaatregelen m
    JOIN overtredingen o ON o.overtreding_nr = m.overtreding_nr
    WHERE o.overtredingsdatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
      AND m.datum_opleggen <= DATE('{{ peildatum }}')
    GROUP BY o.gebied_nr, m.handhavingsinstrument, m.categorie
)
SELECT i.niveau, i.eenheid,
       CAST(NULL AS VARCHAR) AS dimensie, CAST(NULL AS VARCHAR) AS dimensie_waarde,
       SUM(p.n) AS waarde
FROM per_gemeente p
JOIN indeling i ON i.gebied_nr = p.gebied_nr
GROUP BY i.niveau, i.eenheid
UNION ALL
SELECT i.niveau, i.eenheid, 'handhavingsinstrument' AS dimensie,
       p.handhavingsinstrument AS dimensie_waarde, SUM(p.n) AS waarde
FROM per_gemeente p
JOIN indeling i ON i.gebied_nr = p.gebied_nr
WHERE p.handhavingsinstrument IS NOT NULL
GROUP BY i.niveau, i.eenheid, p.handhavingsinstrument
UNION ALL
SELECT i.niveau, i.eenheid, 'categorie' AS dimensie,
       p.categorie AS dimensie_waarde, SUM(p.n) AS waarde
FROM per_gemeente p
JOIN indeling i ON i.gebied_nr = p.gebied_nr
WHERE p.categorie IS NOT NULL
GROUP BY i.niveau, i.eenheid, p.categorie
