/* ---
id = "S3"
volgorde = 603
naam = "modelmandaat"
titel = "Modelmandaat vastgesteld"
definitie = "modelmandaat_vastgesteld uit organisatie.csv: ja of nee; onbekend als het gegeven ontbreekt. Spreekt implementatie.csv (S5, product modelmandaat) dit tegen, dan meldt de terugkoppeling van de dienst dat (regel modelmandaat_strijdig)."
dataset = "robuustheid"
herkomst = "IBP VTH: modelmandaat en -verordening (aanbeveling 8 van de commissie Van Aartsen)"
--- */
{% import "organisatie.sql" as o %}
WITH {{ o.per_dienst(jaar) }}
SELECT {{ o.janee("modelmandaat_vastgesteld", jaar) }}
FROM per_dienst
