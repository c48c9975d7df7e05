//! Shared harness for the binary's tests: a SQLite file and a fresh PostgreSQL schema to point
//! `umis` at, and running it as a subprocess.
#![allow(
    dead_code,
    reason = "each test file uses a different subset of the helpers"
)]

use std::io::Write;
use std::process::{Command, Output, Stdio};
use umis_store::Db;

/// One database the binary is pointed at.
pub struct Target {
    pub backend: &'static str,
    pub url: String,
    pub _dir: TempDir,
    pub cleanup: Option<umis_store::testing::TestDb>,
}

pub struct TempDir(pub std::path::PathBuf);

impl TempDir {
    pub fn new() -> Self {
        let mut rnd = [0u8; 6];
        getrandom::fill(&mut rnd).expect("random");
        let p = std::env::temp_dir().join(format!(
            "umis-cli-{}-{}",
            std::process::id(),
            rnd.iter().map(|b| format!("{b:02x}")).collect::<String>()
        ));
        std::fs::create_dir_all(&p).expect("temp dir");
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub async fn targets() -> Vec<Target> {
    let dir = TempDir::new();
    let url = format!("sqlite://{}", dir.0.join("umis.db").display());
    let mut out = vec![Target {
        backend: "sqlite",
        url,
        _dir: dir,
        cleanup: None,
    }];
    // A fresh PostgreSQL schema, reached by the binary through the URL's search_path option.
    if let Some(db) = umis_store::testing::postgres().await {
        let (schema,): (String,) = match db.store.db() {
            Db::Postgres(pool) => sqlx::query_as("SELECT current_schema()")
                .fetch_one(pool)
                .await
                .expect("schema"),
            Db::Sqlite(_) => unreachable!("postgres() gives PostgreSQL"),
        };
        let base = std::env::var("UMIS_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| umis_store::testing::DEFAULT_TEST_POSTGRES_URL.to_owned());
        let sep = if base.contains('?') { '&' } else { '?' };
        out.push(Target {
            backend: "postgres",
            url: format!("{base}{sep}options=-c%20search_path%3D{schema}"),
            _dir: TempDir::new(),
            cleanup: Some(db),
        });
    }
    out
}

impl Target {
    /// The services over the same database the binary uses.
    pub async fn services(&self) -> umis_service::Services {
        let db = Db::connect(&self.url).await.expect("connect");
        umis_service::Services::new(
            umis_store::Store::new(db),
            std::sync::Arc::new(umis_service::SystemClock),
            umis_service::SecurityConfig::default(),
        )
    }
}

pub fn umis(t: &Target, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_umis"));
    cmd.arg("--data-dir")
        .arg(&t._dir.0)
        .arg("--database-url")
        .arg(&t.url)
        .args(args)
        .env_remove("UMIS_DATABASE_URL")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn umis");
    if let (Some(mut pipe), Some(input)) = (child.stdin.take(), stdin) {
        pipe.write_all(input.as_bytes()).expect("stdin");
    }
    child.wait_with_output().expect("umis output")
}

pub fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}
