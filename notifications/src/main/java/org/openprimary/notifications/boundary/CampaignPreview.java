package org.openprimary.notifications.boundary;

/**
 * A campaign's message as one recipient would get it, in one language: the email's subject, plain
 * text and HTML, or the SMS's text (subject and HTML null).
 */
public record CampaignPreview(String language, String subject, String text, String html) {
}
