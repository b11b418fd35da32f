package org.fanzha.core.event;

/** What a report points at; phones and accounts are canonical, others as given (trimmed). */
public record ReportTarget(TargetKind kind, String value) {}
