//! A scanned document attached to a case: its kind, size and content checked, and the case
//! saved with it.

use super::*;

impl Services {
    /// Attaches a scanned document (PDF, JPEG or PNG, judged by content; at most
    /// [`MAX_ATTACHMENT_BYTES`]) to a case; a checklist kind counts as on file.
    pub async fn add_attachment(
        &self,
        ctx: &Ctx,
        id: i64,
        doc_kind: &str,
        filename: &str,
        content: Vec<u8>,
    ) -> Result<AttachmentView, ServiceError> {
        self.authorize(ctx, Permission::WriteApplications, "application.attach")
            .await?;
        let mut row = self.scoped_case(ctx, id).await?;
        let (app_type, _) = self.domain_case(&row).await?;
        let doc_kind = doc_kind.trim();
        if doc_kind != OTHER_DOCUMENT && !app_type.spec().documents.contains(&doc_kind) {
            return Err(invalid(
                "doc_kind",
                "unknown_document",
                format!(
                    "'{doc_kind}' is not on the {} checklist ({}, or {OTHER_DOCUMENT})",
                    app_type,
                    app_type.spec().documents.join(", ")
                ),
            ));
        }
        if content.is_empty() {
            return Err(invalid("file", "empty_file", "the file is empty"));
        }
        if content.len() > MAX_ATTACHMENT_BYTES {
            return Err(invalid(
                "file",
                "too_large",
                format!(
                    "the file has {} bytes; at most {MAX_ATTACHMENT_BYTES} are accepted",
                    content.len()
                ),
            ));
        }
        let content_type = sniff_content_type(&content).ok_or_else(|| {
            invalid(
                "file",
                "unsupported_type",
                "only PDF, JPEG and PNG files are accepted (judged by their content)",
            )
        })?;
        let state: State = row.state.parse().unwrap_or(State::Closed);
        if matches!(state, State::Closed | State::Withdrawn) {
            return Err(ServiceError::Conflict("the case is finished".into()));
        }
        let sha = hex::encode(Sha256::digest(&content));
        let now = self.now();
        let meta = AttachmentMeta {
            attachment_id: 0,
            application_id: id,
            doc_kind: doc_kind.to_owned(),
            filename: clean_filename(filename),
            content_type: content_type.to_owned(),
            size_bytes: i64::try_from(content.len()).unwrap_or(i64::MAX),
            sha256: sha.clone(),
            uploaded_at: now,
            uploaded_by: ctx.actor_name(),
        };
        let mut docs = json_list(&row.documents);
        if doc_kind != OTHER_DOCUMENT && !docs.iter().any(|d| d == doc_kind) {
            docs.push(doc_kind.to_owned());
        }
        let version = row.version;
        row.documents = serde_json::to_string(&docs).unwrap_or_else(|_| "[]".into());
        row.updated_at = now;
        let event = CaseEvent {
            application_id: id,
            seq: 0,
            at: now,
            actor: ctx.actor_name(),
            action: "attachment.add".into(),
            from_state: Some(row.state.clone()),
            to_state: row.state.clone(),
            note: None,
            details: serde_json::json!({"doc_kind": doc_kind, "filename": meta.filename, "sha256": sha, "size": meta.size_bytes})
                .to_string(),
        };
        let audit = ctx
            .audit(now, "application.attach", AuditOutcome::Ok)
            .object("application", id.to_string())
            .person(PersonId::from_stored(row.person_id).to_string());
        let change = CaseChange {
            attachment: Some((meta.clone(), content)),
            ..Default::default()
        };
        self.store
            .save_case(&row, version, &event, &change, audit)
            .await?;
        let stored = self
            .store
            .attachments_of(id)
            .await?
            .into_iter()
            .rfind(|a| a.sha256 == sha)
            .ok_or(ServiceError::NotFound)?;
        Ok(attachment_view(stored))
    }
}
