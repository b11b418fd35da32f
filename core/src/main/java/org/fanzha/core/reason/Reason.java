package org.fanzha.core.reason;

/**
 * Why a decision was taken, in both languages: a stable code for machines and auditors, and text
 * for the person concerned (反电信网络诈骗法 第32条 asks that they be told why).
 */
public record Reason(String code, String textZh, String textEn) {}
