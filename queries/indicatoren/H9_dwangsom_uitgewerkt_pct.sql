/* ---
id = "H9"
volgorde = 209
naam = "dwangsom_uitgewerkt_pct"
titel = "Uitgewerkte lasten onder dwangsom"
definitie = "Aandeel van de lasten onder dwangsom bij overtredingen in het jaar (uit H6) met status uitgewerkt: de dwangsom is volgelopen terwijl de overtreding niet is opgeheven."
eenheid = "procent"
soort = "aandeel"
paragraaf = "Handhavingsinstrumenten"
hoofdstuk = "handhaving"
# Disclosure control: the published counts this share equals (suppressed with them).
noemer_gelijk_aan = ["H6[handhavingsinstrument=last_onder_dwangsom]"]
dekking = true
--- */
SELECT i.niveau, i.eenheid,
       SUM(CASE WHEN m.status = 'uitgewerkt' THEN 1 ELSE 0 END) AS teller,
       COUNT(*) AS noemer
FROM handhavingsmaatregelen m
JOIN overtredingen o ON o.overtreding_nr = m.overtreding_nr
JOIN indeling i ON i.gebied_nr = o.gebied_nr
WHERE o.overtredingsdatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
  AND m.datum_opleggen <= DATE('{{ peildatum }}')
  AND m.handhavingsinstrument = 'last_onder_dwangsom'
GROUP BY i.niveau, i.eenheid
