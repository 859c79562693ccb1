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
WITH maatregel AS (
    SELECT m.handhavingsinstrument, m.categorie, o.gebied_nr
    FROM handhavingsmaatregelen m
    JOIN overtredingen o ON o.overtreding_nr = m.overtreding_nr
    WHERE o.overtredingsdatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
      AND m.datum_opleggen <= DATE('{{ peildatum }}')
)
SELECT i.niveau, i.eenheid,
       CAST(NULL AS VARCHAR) AS dimensie, CAST(NULL AS VARCHAR) AS dimensie_waarde,
       COUNT(*) AS waarde
FROM maatregel m
JOIN indeling i ON i.gebied_nr = m.gebied_nr
GROUP BY i.niveau, i.eenheid
UNION ALL
SELECT i.niveau, i.eenheid, 'handhavingsinstrument' AS dimensie,
       m.handhavingsinstrument AS dimensie_waarde, COUNT(*) AS waarde
FROM maatregel m
JOIN indeling i ON i.gebied_nr = m.gebied_nr
WHERE m.handhavingsinstrument IS NOT NULL
GROUP BY i.niveau, i.eenheid, m.handhavingsinstrument
UNION ALL
SELECT i.niveau, i.eenheid, 'categorie' AS dimensie,
       m.categorie AS dimensie_waarde, COUNT(*) AS waarde
FROM maatregel m
JOIN indeling i ON i.gebied_nr = m.gebied_nr
WHERE m.categorie IS NOT NULL
GROUP BY i.niveau, i.eenheid, m.categorie
