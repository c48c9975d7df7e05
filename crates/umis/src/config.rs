//! The one typed configuration: defaults, then `umis.toml`, then `UMIS_*` environment
//! variables, then command-line flags.

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How logs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// Everything UMIS can be configured with.
#[derive(Clone, Serialize, Deserialize)]
pub struct Config {
    /// Address the web server listens on.
    pub listen: String,
    /// Where the SQLite database and demo files live.
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; default: SQLite in the data directory.
    pub database_url: Option<String>,
    /// Log format.
    pub log_format: LogFormat,
    /// Mark cookies `Secure` (serve over TLS).
    pub secure_cookies: bool,
    /// Session idle timeout, minutes.
    pub session_idle_minutes: i64,
    /// Session absolute lifetime, hours.
    pub session_absolute_hours: i64,
    /// Largest accepted request body, bytes.
    pub max_body_bytes: usize,
    /// Request time limit, seconds.
    pub request_timeout_secs: u64,
    /// Longest a client may take to send a request's headers, or keep a connection idle,
    /// seconds.
    pub header_read_timeout_secs: u64,
    /// Most HTTP connections open at once on a listener.
    pub max_connections: usize,
    /// UI time zone as minutes east of UTC (Baku: 240).
    pub display_utc_offset_minutes: i32,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
    /// The country's time zone (IANA name): border events get their calendar date in it.
    pub time_zone: String,
    /// Published statistics show cells with fewer than this many (but some) as suppressed
    /// (0 publishes every count).
    pub stats_suppress_below: i64,
    /// Where signing keys live (one key set per purpose); default `<data dir>/keys`. Back it
    /// up apart from the database.
    pub keys_dir: Option<PathBuf>,
    /// Seconds between scheduled audit runs (verify the chain, sign a checkpoint of its
    /// head); 0 disables them.
    pub audit_checkpoint_interval: u64,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("data_dir", &self.data_dir)
            .field(
                "database_url",
                &self.database_url.as_deref().map(umis_store::redact_url),
            )
            .field("log_format", &self.log_format)
            .field("secure_cookies", &self.secure_cookies)
            .field("keys_dir", &self.keys_dir)
            .field("audit_checkpoint_interval", &self.audit_checkpoint_interval)
            .finish_non_exhaustive()
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./umis-data"),
            database_url: None,
            log_format: LogFormat::Text,
            secure_cookies: false,
            session_idle_minutes: 30,
            session_absolute_hours: 12,
            max_body_bytes: 1024 * 1024,
            request_timeout_secs: 30,
            header_read_timeout_secs: 10,
            max_connections: 1024,
            display_utc_offset_minutes: 240,
            trust_forwarded_for: false,
            time_zone: umis_service::DEFAULT_TIME_ZONE.into(),
            stats_suppress_below: 5,
            keys_dir: None,
            audit_checkpoint_interval: 3600,
        }
    }
}

/// Values given as flags; only those present override the other layers.
#[derive(Debug, Default, Serialize)]
pub struct FlagOverrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listen: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_format: Option<LogFormat>,
}

impl Config {
    /// Loads the layers; `file` defaults to `umis.toml` in the working directory (optional).
    pub fn load(file: Option<&Path>, flags: FlagOverrides) -> anyhow::Result<Config> {
        let toml_path = file.map_or_else(|| PathBuf::from("umis.toml"), Path::to_path_buf);
        if let Some(f) = file
            && !f.exists()
        {
            anyhow::bail!("configuration file {} does not exist", f.display());
        }
        let config: Config = Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::file(&toml_path))
            .merge(Env::prefixed("UMIS_").only(&[
                "listen",
                "data_dir",
                "database_url",
                "log_format",
                "secure_cookies",
                "session_idle_minutes",
                "session_absolute_hours",
                "max_body_bytes",
                "request_timeout_secs",
                "header_read_timeout_secs",
                "max_connections",
                "display_utc_offset_minutes",
                "trust_forwarded_for",
                "time_zone",
                "stats_suppress_below",
                "keys_dir",
                "audit_checkpoint_interval",
            ]))
            .merge(Serialized::defaults(flags))
            .extract()
            .map_err(|e| anyhow::anyhow!("invalid configuration: {e}"))?;
        Ok(config)
    }

    /// The key directory in force: the configured one, or `keys` in the data directory.
    pub fn keys_dir(&self) -> PathBuf {
        match &self.keys_dir {
            Some(dir) if !dir.as_os_str().is_empty() => dir.clone(),
            _ => self.data_dir.join("keys"),
        }
    }

    /// The database URL in force: the configured one, or SQLite in the data directory.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.is_empty() => url.clone(),
            _ => format!("sqlite://{}", self.data_dir.join("umis.db").display()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[expect(
        clippy::result_large_err,
        reason = "figment::Jail fixes the closure's error type"
    )]
    fn layers_apply_in_order() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "umis.toml",
                "listen = \"0.0.0.0:9000\"\nsecure_cookies = true\n",
            )?;
            jail.set_env("UMIS_LISTEN", "127.0.0.1:9100");
            let c = Config::load(None, FlagOverrides::default()).map_err(|e| e.to_string())?;
            assert_eq!(c.listen, "127.0.0.1:9100");
            assert!(c.secure_cookies);
            let flags = FlagOverrides {
                listen: Some("127.0.0.1:9200".into()),
                ..Default::default()
            };
            let c = Config::load(None, flags).map_err(|e| e.to_string())?;
            assert_eq!(c.listen, "127.0.0.1:9200");
            assert_eq!(c.database_url(), "sqlite://./umis-data/umis.db");
            assert_eq!(c.keys_dir(), PathBuf::from("./umis-data/keys"));
            assert_eq!(c.audit_checkpoint_interval, 3600);
            jail.set_env("UMIS_KEYS_DIR", "/secure/keys");
            jail.set_env("UMIS_AUDIT_CHECKPOINT_INTERVAL", "60");
            let c = Config::load(None, FlagOverrides::default()).map_err(|e| e.to_string())?;
            assert_eq!(c.keys_dir(), PathBuf::from("/secure/keys"));
            assert_eq!(c.audit_checkpoint_interval, 60);
            Ok(())
        });
    }
}
