//! The key commands: `umis keys list` and `umis keys rotate --purpose PURPOSE`.

use umis_service::{Ctx, Services};

/// An instant (Unix µs) as UTC text to the second.
pub fn instant(micros: i64) -> String {
    jiff::Timestamp::from_second(micros.div_euclid(1_000_000))
        .map_or_else(|_| micros.to_string(), |t| t.to_string())
}

/// `umis keys list`: purpose, key id, creation time and state of every key.
pub async fn list(services: &Services, ctx: &Ctx) -> anyhow::Result<()> {
    let keys = services
        .list_keys(ctx)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!("{:<12} {:<16} {:<20} STATE", "PURPOSE", "KEY ID", "CREATED");
    for k in &keys {
        println!(
            "{:<12} {:<16} {:<20} {}",
            k.purpose,
            k.key_id,
            instant(k.created_at),
            if k.active { "active" } else { "retired" }
        );
    }
    if keys.is_empty() {
        eprintln!("no keys yet (the first audit checkpoint makes one)");
    }
    Ok(())
}

/// `umis keys rotate --purpose PURPOSE`: a new active key; the old one is retired.
pub async fn rotate(services: &Services, ctx: &Ctx, purpose: &str) -> anyhow::Result<()> {
    let key = services
        .rotate_key(ctx, purpose)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "new {} key {} is active; the previous key is retired (kept for verification)",
        key.purpose, key.key_id
    );
    Ok(())
}
