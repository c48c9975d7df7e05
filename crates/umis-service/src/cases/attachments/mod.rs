//! Documents attached to a case: content sniffed, names cleaned, size bounded.

use super::*;

mod add;

/// Largest attachment accepted.
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

/// Kind of an attachment outside the type's checklist.
pub const OTHER_DOCUMENT: &str = "other";

/// The content type of an upload, judged by its first bytes (PDF, JPEG or PNG).
pub fn sniff_content_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}

pub(super) fn clean_filename(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | ':' | '|' | '?' | '*'))
        .take(120)
        .collect();
    if cleaned.trim().is_empty() {
        "document".into()
    } else {
        cleaned.trim().to_owned()
    }
}

impl Services {
    /// An attachment's content (audited as a read of personal data).
    pub async fn attachment(
        &self,
        ctx: &Ctx,
        id: i64,
        attachment_id: i64,
    ) -> Result<(AttachmentView, Vec<u8>), ServiceError> {
        self.authorize(ctx, Permission::ReadApplications, "application.attachment")
            .await?;
        let row = self.scoped_case(ctx, id).await?;
        let (meta, content) = match self.store.attachment(attachment_id).await {
            Ok(x) => x,
            Err(StoreError::NotFound) => return Err(ServiceError::NotFound),
            Err(e) => return Err(e.into()),
        };
        if meta.application_id != id {
            return Err(ServiceError::NotFound);
        }
        self.audit_read(
            ctx,
            "application.attachment",
            Some(&PersonId::from_stored(row.person_id).to_string()),
            None,
            serde_json::json!({"application": id, "attachment": attachment_id, "sha256": meta.sha256}),
        )
        .await?;
        Ok((attachment_view(meta), content))
    }
}
