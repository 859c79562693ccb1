//! `dcat.jsonld`: a DCAT-AP-DONL description of the open release for
//! data.overheid.nl. Download links are relative to the release folder, so the
//! folder can be uploaded as it is. No clock: the period is the reporting years.

use serde_json::{json, Value};

use super::datapackage::Geschreven;
use super::Herkomst;
use crate::datasets::Release;

const IENW: &str =
    "http://standaarden.overheid.nl/owms/terms/Ministerie_van_Infrastructuur_en_Waterstaat";

pub fn dcat(
    geschreven: &[Geschreven],
    herkomst: &Herkomst,
    extra: &[(&str, &str, u64, String)],
) -> Value {
    let mut distributies: Vec<Value> = geschreven
        .iter()
        .filter(|g| g.release == Release::Open)
        .map(|g| {
            json!({
                "@type": "dcat:Distribution",
                "dct:identifier": g.dataset.naam,
                "dct:title": { "@language": "nl", "@value": g.dataset.naam },
                "dct:description": { "@language": "nl", "@value": g.dataset.omschrijving },
                "dcat:accessURL": { "@id": g.dataset.bestand },
                "dcat:downloadURL": { "@id": g.dataset.bestand },
                "dct:format": { "@id": "http://publications.europa.eu/resource/authority/file-type/PARQUET" },
                "dcat:mediaType": { "@id": "https://www.iana.org/assignments/media-types/application/vnd.apache.parquet" },
                "dcat:byteSize": g.bytes,
                "spdx:checksum": {
                    "@type": "spdx:Checksum",
                    "spdx:algorithm": { "@id": "spdx:checksumAlgorithm_sha256" },
                    "spdx:checksumValue": g.sha256
                },
                "dct:conformsTo": { "@id": "datapackage.json" },
                "dct:license": { "@id": "http://creativecommons.org/publicdomain/zero/1.0/deed.nl" },
                "dct:language": { "@id": "http://publications.europa.eu/resource/authority/language/NLD" }
            })
        })
        .collect();
    for (bestand, mediatype, bytes, sha) in extra {
        distributies.push(json!({
            "@type": "dcat:Distribution",
            "dct:identifier": bestand,
            "dct:title": { "@language": "nl", "@value": bestand },
            "dcat:accessURL": { "@id": bestand },
            "dcat:downloadURL": { "@id": bestand },
            "dcat:mediaType": { "@id": format!("https://www.iana.org/assignments/media-types/{mediatype}") },
            "dcat:byteSize": bytes,
            "spdx:checksum": {
                "@type": "spdx:Checksum",
                "spdx:algorithm": { "@id": "spdx:checksumAlgorithm_sha256" },
                "spdx:checksumValue": sha
            },
            "dct:license": { "@id": "http://creativecommons.org/publicdomain/zero/1.0/deed.nl" }
        }));
    }
    let begin = herkomst.jaren.iter().min().copied().unwrap_or(0);
    let eind = herkomst.jaren.iter().max().copied().unwrap_or(0);
    json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "adms": "http://www.w3.org/ns/adms#",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "spdx": "http://spdx.org/rdf/terms#",
            "overheid": "http://standaarden.overheid.nl/owms/terms/",
            "xsd": "http://www.w3.org/2001/XMLSchema#"
        },
        "@id": format!("staat-van-vth-{}", herkomst.editie),
        "@type": "dcat:Dataset",
        "dct:identifier": format!("staat-van-vth-{}", herkomst.editie),
        "dct:title": { "@language": "nl", "@value": format!("Staat van VTH {}: indicatoren, robuustheid en datakwaliteit", herkomst.editie) },
        "dct:description": { "@language": "nl", "@value": format!(
            "Landelijke cijfers over toezicht en handhaving in het fysieke domein (vergunningverlening, toezicht en handhaving) voor de verslagjaren {begin}–{eind}, berekend uit de leveringen van omgevingsdiensten, gemeenten, provincies, waterschappen en rijksinspecties; de robuustheid van de 28 omgevingsdiensten; en de datakwaliteit per partij. Kleine aantallen zijn onderdrukt."
        ) },
        "dct:publisher": { "@id": IENW },
        "overheid:authority": { "@id": IENW },
        "dcat:contactPoint": {
            "@type": "vcard:Organization",
            "vcard:fn": "Ministerie van Infrastructuur en Waterstaat, monitoring Staat van VTH",
            "vcard:hasURL": { "@id": "https://www.rijksoverheid.nl/ministeries/ministerie-van-infrastructuur-en-waterstaat" }
        },
        "dct:language": { "@id": "http://publications.europa.eu/resource/authority/language/NLD" },
        "dct:license": { "@id": "http://creativecommons.org/publicdomain/zero/1.0/deed.nl" },
        "dct:accessRights": { "@id": "http://publications.europa.eu/resource/authority/access-right/PUBLIC" },
        "dcat:theme": [
            { "@id": "http://standaarden.overheid.nl/owms/terms/Ruimte_en_infrastructuur" },
            { "@id": "http://standaarden.overheid.nl/owms/terms/Natuur_en_milieu" }
        ],
        "dct:spatial": { "@id": "http://standaarden.overheid.nl/owms/terms/Nederland" },
        "dct:temporal": {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": { "@value": format!("{begin}-01-01"), "@type": "xsd:date" },
            "dcat:endDate": { "@value": format!("{eind}-12-31"), "@type": "xsd:date" }
        },
        "dct:accrualPeriodicity": { "@id": "http://publications.europa.eu/resource/authority/frequency/ANNUAL" },
        "adms:versionInfo": format!("{}+{}", herkomst.schema_versie, herkomst.run_id),
        "dcat:keyword": ["toezicht", "handhaving", "VTH", "omgevingsdiensten", "robuustheid", "datakwaliteit"],
        "dcat:distribution": distributies
    })
}
