//! One download: timeouts, a size cap, retries with backoff on transient failures
//! (connection errors, time-outs, 429, 5xx, a body cut short), resumption with a
//! `Range` request where the server allows it. The bytes go to a temporary file;
//! the caller moves it under its final name only after the checksum is checked.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use reqwest::header::{ACCEPT_RANGES, CONTENT_RANGE, ETAG, IF_RANGE, RANGE, RETRY_AFTER};
use reqwest::{Client, StatusCode, Url};

use super::record::Ophaaluitkomst;
use super::Instellingen;

/// What one download came to. `bytes` are in the temporary file when `Ontvangen`.
#[derive(Debug)]
pub struct Afloop {
    pub uitkomst: Ophaaluitkomst,
    pub http_status: Option<u16>,
    pub bytes: u64,
    pub pogingen: u32,
    pub melding: Option<String>,
}

/// Plain `http` is allowed only to this machine (tests, a local mirror); anything
/// that leaves the machine must be `https`.
pub fn toegestaan(url: &Url) -> bool {
    match url.scheme() {
        "https" => true,
        "http" => url.host_str().is_some_and(|h| {
            let h = h.trim_start_matches('[').trim_end_matches(']');
            h.eq_ignore_ascii_case("localhost")
                || h.parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }),
        _ => false,
    }
}

pub fn client(inst: &Instellingen) -> Result<Client, String> {
    Client::builder()
        .connect_timeout(inst.verbindingstijd)
        .read_timeout(inst.leestijd)
        .user_agent(concat!("staat-van-vth/", env!("CARGO_PKG_VERSION")))
        // A redirect must obey the same rule as the URL in the batch manifest.
        .redirect(reqwest::redirect::Policy::custom(|a| {
            if a.previous().len() >= 5 {
                a.error("more than 5 redirects")
            } else if !toegestaan(a.url()) {
                let u = a.url().to_string();
                a.error(format!("redirect to {u}, which is not https"))
            } else {
                a.follow()
            }
        }))
        .build()
        .map_err(|e| e.to_string())
}

/// The failure of one attempt, and whether another attempt may help.
struct Fout {
    uitkomst: Ophaaluitkomst,
    http_status: Option<u16>,
    melding: String,
    opnieuw: bool,
    /// The server's Retry-After, when it gave one.
    wacht: Option<Duration>,
}

fn fout(uitkomst: Ophaaluitkomst, melding: impl Into<String>, opnieuw: bool) -> Fout {
    Fout {
        uitkomst,
        http_status: None,
        melding: melding.into(),
        opnieuw,
        wacht: None,
    }
}

/// The error chain of reqwest in one line: "error sending request: … : connection refused".
fn keten(e: &(dyn std::error::Error + 'static)) -> String {
    let mut s = e.to_string();
    let mut bron = e.source();
    while let Some(b) = bron {
        let t = b.to_string();
        if !s.contains(&t) {
            s.push_str(": ");
            s.push_str(&t);
        }
        bron = b.source();
    }
    s
}

/// What is known of a partial download, so the next attempt can resume it.
#[derive(Default)]
struct Stand {
    ontvangen: u64,
    totaal: Option<u64>,
    bereik: bool,
    etag: Option<String>,
}

pub async fn download(client: &Client, url: &Url, tmp: &Path, inst: &Instellingen) -> Afloop {
    let mut stand = Stand::default();
    let mut pogingen = 0;
    loop {
        pogingen += 1;
        match attempt(client, url, tmp, inst, &mut stand).await {
            Ok(http) => {
                return Afloop {
                    uitkomst: Ophaaluitkomst::Ontvangen,
                    http_status: Some(http),
                    bytes: stand.ontvangen,
                    pogingen,
                    melding: None,
                }
            }
            Err(f) => {
                if !f.opnieuw || pogingen >= inst.pogingen {
                    let melding = if f.opnieuw && pogingen > 1 {
                        format!("{} pogingen; laatste: {}", pogingen, f.melding)
                    } else {
                        f.melding
                    };
                    return Afloop {
                        uitkomst: f.uitkomst,
                        http_status: f.http_status,
                        bytes: stand.ontvangen,
                        pogingen,
                        melding: Some(melding),
                    };
                }
                let backoff = inst.wachttijd.saturating_mul(1 << (pogingen - 1).min(6));
                let wacht = f.wacht.unwrap_or(backoff).min(inst.max_wachttijd);
                tracing::info!(%url, poging = pogingen, wacht_ms = wacht.as_millis() as u64, melding = %f.melding, "retry");
                tokio::time::sleep(wacht).await;
            }
        }
    }
}

/// One request. Appends to `tmp` when the server resumes a partial download
/// (206 from the byte we have), and starts over otherwise.
async fn attempt(
    client: &Client,
    url: &Url,
    tmp: &Path,
    inst: &Instellingen,
    stand: &mut Stand,
) -> Result<u16, Fout> {
    let (resp, hervat) = send(client, url, inst, stand).await?;
    let status = resp.status();
    let voortzetting = check_status(&resp, hervat, stand)?;
    receive(resp, tmp, inst, stand, voortzetting).await?;
    Ok(status.as_u16())
}

/// The request, resuming from the bytes we have when the server offers ranges;
/// whether it resumes.
async fn send(
    client: &Client,
    url: &Url,
    inst: &Instellingen,
    stand: &Stand,
) -> Result<(reqwest::Response, bool), Fout> {
    let mut req = client.get(url.clone());
    let hervat = stand.ontvangen > 0 && stand.bereik;
    if hervat {
        req = req.header(RANGE, format!("bytes={}-", stand.ontvangen));
        if let Some(e) = &stand.etag {
            // The server sends the whole file instead if it changed meanwhile.
            req = req.header(IF_RANGE, e.clone());
        }
    }
    // read_timeout covers the body; this also bounds the wait for the headers.
    let antwoord = tokio::time::timeout(inst.verbindingstijd + inst.leestijd, req.send()).await;
    let resp = match antwoord {
        Err(_) => {
            return Err(fout(
                Ophaaluitkomst::NietBereikbaar,
                format!(
                    "geen antwoord binnen {:?}",
                    inst.verbindingstijd + inst.leestijd
                ),
                true,
            ))
        }
        Ok(Err(e)) if e.is_redirect() => {
            return Err(fout(Ophaaluitkomst::Geweigerd, keten(&e), false));
        }
        Ok(Err(e)) => return Err(fout(Ophaaluitkomst::NietBereikbaar, keten(&e), true)),
        Ok(Ok(r)) => r,
    };
    Ok((resp, hervat))
}

/// The response's status: a refusal (retried for 429 and 5xx), or whether the body
/// continues the bytes we have; a fresh body resets what `stand` knows.
fn check_status(resp: &reqwest::Response, hervat: bool, stand: &mut Stand) -> Result<bool, Fout> {
    let status = resp.status();
    if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
        let wacht = resp
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        return Err(Fout {
            uitkomst: Ophaaluitkomst::Geweigerd,
            http_status: Some(status.as_u16()),
            melding: format!("HTTP {status}"),
            opnieuw: true,
            wacht,
        });
    }
    let voortzetting = status == StatusCode::PARTIAL_CONTENT
        && hervat
        && resp
            .headers()
            .get(CONTENT_RANGE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("bytes "))
            .and_then(|v| v.split('-').next())
            .and_then(|v| v.parse::<u64>().ok())
            == Some(stand.ontvangen);
    if status == StatusCode::PARTIAL_CONTENT && !voortzetting {
        // A range we did not ask for: start again without one.
        *stand = Stand::default();
        return Err(fout(
            Ophaaluitkomst::Onvolledig,
            "de bron hervatte op een andere plek dan gevraagd",
            true,
        ));
    }
    if !status.is_success() {
        return Err(Fout {
            uitkomst: Ophaaluitkomst::Geweigerd,
            http_status: Some(status.as_u16()),
            melding: format!("HTTP {status}"),
            opnieuw: false,
            wacht: None,
        });
    }
    if !voortzetting {
        stand.ontvangen = 0;
        stand.totaal = resp.content_length();
        stand.bereik = resp
            .headers()
            .get(ACCEPT_RANGES)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("bytes"));
        stand.etag = resp
            .headers()
            .get(ETAG)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
    }
    Ok(voortzetting)
}

/// The body into `tmp` (appended when it continues), within the size limit and the
/// read time per chunk; complete when it has the announced length.
async fn receive(
    resp: reqwest::Response,
    tmp: &Path,
    inst: &Instellingen,
    stand: &mut Stand,
    voortzetting: bool,
) -> Result<(), Fout> {
    if let Some(t) = stand.totaal.filter(|&t| t > inst.max_bytes) {
        return Err(fout(
            Ophaaluitkomst::TeGroot,
            format!("{t} bytes aangekondigd, de grens is {}", inst.max_bytes),
            false,
        ));
    }
    let mut bestand = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .append(voortzetting)
        .truncate(!voortzetting)
        .open(tmp)
        .map_err(|e| {
            fout(
                Ophaaluitkomst::Onvolledig,
                format!("{}: {e}", tmp.display()),
                false,
            )
        })?;
    let mut resp = resp;
    loop {
        match tokio::time::timeout(inst.leestijd, resp.chunk()).await {
            Err(_) => {
                return Err(fout(
                    Ophaaluitkomst::Onvolledig,
                    format!(
                        "geen gegevens binnen {:?} na {} bytes",
                        inst.leestijd, stand.ontvangen
                    ),
                    true,
                ))
            }
            Ok(Err(e)) => {
                return Err(fout(
                    Ophaaluitkomst::Onvolledig,
                    format!("afgebroken na {} bytes: {}", stand.ontvangen, keten(&e)),
                    true,
                ))
            }
            Ok(Ok(None)) => break,
            Ok(Ok(Some(stuk))) => {
                if stand.ontvangen + stuk.len() as u64 > inst.max_bytes {
                    return Err(fout(
                        Ophaaluitkomst::TeGroot,
                        format!("meer dan {} bytes", inst.max_bytes),
                        false,
                    ));
                }
                bestand.write_all(&stuk).map_err(|e| {
                    fout(
                        Ophaaluitkomst::Onvolledig,
                        format!("{}: {e}", tmp.display()),
                        false,
                    )
                })?;
                stand.ontvangen += stuk.len() as u64;
            }
        }
    }
    bestand.sync_all().map_err(|e| {
        fout(
            Ophaaluitkomst::Onvolledig,
            format!("{}: {e}", tmp.display()),
            false,
        )
    })?;
    if let Some(t) = stand.totaal.filter(|&t| stand.ontvangen != t) {
        return Err(fout(
            Ophaaluitkomst::Onvolledig,
            format!("{} van {t} bytes ontvangen", stand.ontvangen),
            true,
        ));
    }
    Ok(())
}
