//! Chromium and chromedriver: found, started and stopped.

#[allow(unused_imports)]
use super::*;

/// The chromedriver child process and the browser profile directory; both go away on drop,
/// whether the test passed or not.
pub(crate) struct Driver {
    child: Child,
    pub(crate) profile: PathBuf,
    pub(crate) url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

pub(crate) fn free_port() -> Result<u16> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").context("bind a free port")?;
    Ok(l.local_addr()?.port())
}

/// Starts chromedriver and waits (bounded) until its `/status` answers.
pub(crate) async fn start_driver() -> Result<Driver> {
    let port = free_port()?;
    let profile = std::env::temp_dir().join(format!("umis-browser-{}-{port}", std::process::id()));
    std::fs::create_dir_all(&profile).context("create the browser profile directory")?;
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("start chromedriver")?;
    let driver = Driver {
        child,
        profile,
        url: format!("http://127.0.0.1:{port}"),
    };
    // Waiting on an external process is the one place a poll with a pause is unavoidable.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while tokio::time::Instant::now() < deadline {
        if driver_ready(port).await {
            return Ok(driver);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bail!("chromedriver on port {port} did not become ready within 10 s")
}

/// Whether chromedriver answers `/status` with `"ready":true`. It keeps connections open
/// whatever the request says, so the answer is read only as far as needed, under a time limit.
pub(crate) async fn driver_ready(port: u16) -> bool {
    let probe = async {
        let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .ok()?;
        let req = format!("GET /status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
        s.write_all(req.as_bytes()).await.ok()?;
        let mut seen = Vec::new();
        let mut buf = [0u8; 1024];
        loop {
            let n = s.read(&mut buf).await.ok()?;
            if n == 0 {
                return None;
            }
            seen.extend_from_slice(&buf[..n]);
            if String::from_utf8_lossy(&seen).contains("\"ready\":true") {
                return Some(());
            }
        }
    };
    tokio::time::timeout(Duration::from_millis(500), probe)
        .await
        .ok()
        .flatten()
        .is_some()
}

pub(crate) fn browser_available() -> bool {
    let missing: Vec<&str> = [CHROMIUM, CHROMEDRIVER]
        .into_iter()
        .filter(|p| !Path::new(p).exists())
        .collect();
    if missing.is_empty() {
        return true;
    }
    if std::env::var("UMIS_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
        panic!(
            "UMIS_REQUIRE_BROWSER=1 but {} missing (apt-get install chromium chromium-driver)",
            missing.join(" and ")
        );
    }
    eprintln!(
        "\n!!!!!!!! {} missing: BROWSER TEST SKIPPED (apt-get install chromium chromium-driver) !!!!!!!!\n",
        missing.join(" and ")
    );
    false
}
