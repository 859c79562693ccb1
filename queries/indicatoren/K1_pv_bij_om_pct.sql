/* ---
id = "K1"
volgorde = 301
naam = "pv_bij_om_pct"
titel = "Processen-verbaal die bij het OM zijn ingestroomd"
definitie = "Aandeel van de processen-verbaal in het jaar (instrument proces_verbaal bij een overtreding van het jaar, opgelegd uiterlijk op de peildatum) met een gekoppelde strafzaak die uiterlijk op de peildatum bij het OM is ingestroomd. Zonder levering van het OM over het jaar: geen waarnemingen."
eenheid = "procent"
soort = "aandeel"
paragraaf = "Van proces-verbaal tot afdoening"
hoofdstuk = "handhaving"
# Disclosure control: the published figures this share equals (suppressed with them).
noemer_gelijk_aan = ["H6[handhavingsinstrument=proces_verbaal]"]
figuur = "keten"
per_partij = true
dekking = true
--- */
{% import "strafrechtketen.sql" as keten %}
{% if "OM" in partijen_geleverd %}
WITH {{ keten.pv_en_zaak(begin, eind, peildatum) }}
SELECT i.niveau, i.eenheid,
       SUM(CASE WHEN z.maatregel_id IS NULL THEN 0 ELSE 1 END) AS teller,
       COUNT(*) AS noemer
FROM pv p
LEFT JOIN zaak z ON z.partij = p.partij AND z.maatregel_id = p.maatregel_id
JOIN indeling i ON i.gebied_nr = p.gebied_nr
GROUP BY i.niveau, i.eenheid
{% else %}
{{ keten.zonder_om() }}
{% endif %}
