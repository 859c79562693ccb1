/* ---
id = "K2"
volgorde = 302
naam = "pv_afgedaan_pct"
titel = "Processen-verbaal bij het OM die zijn afgedaan"
definitie = "Van de processen-verbaal die bij het OM zijn ingestroomd (de teller van K1): het aandeel waarvan de strafzaak uiterlijk op de peildatum een afdoening heeft. Zonder levering van het OM over het jaar: geen waarnemingen."
eenheid = "procent"
soort = "aandeel"
paragraaf = "Van proces-verbaal tot afdoening"
hoofdstuk = "handhaving"
# Disclosure control: the published figures this share equals (suppressed with them).
noemer_gelijk_aan = ["K1.teller"]
teller_gelijk_aan = ["K3"]
dekking = true
--- */
{% import "strafrechtketen.sql" as keten %}
{% if "OM" in partijen_geleverd %}
WITH {{ keten.pv_en_zaak(begin, eind, peildatum) }}
SELECT i.niveau, i.eenheid,
       SUM(CASE WHEN z.datum_afdoening <= DATE('{{ peildatum }}') THEN 1 ELSE 0 END) AS teller,
       COUNT(*) AS noemer
FROM pv p
JOIN zaak z ON z.partij = p.partij AND z.maatregel_id = p.maatregel_id
JOIN indeling i ON i.gebied_nr = p.gebied_nr
GROUP BY i.niveau, i.eenheid
{% else %}
{{ keten.zonder_om() }}
{% endif %}
