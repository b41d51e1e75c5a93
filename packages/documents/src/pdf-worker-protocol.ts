/** Messages between the extractor and its PDF threads. Replies carry no document text but the result. */
export interface PdfRequest {
  id: number;
  bytes: Uint8Array;
  maxPages: number;
  /** Longer text is not sent back (`too_much_text`). */
  maxTextBytes: number;
}

/** Why a thread could not read a document: a password, too many pages, or damage. */
export type PdfFailure = 'password' | 'too_many_pages' | 'too_much_text' | 'corrupt';

export type PdfReply =
  | { id: number; ok: true; text: string; pages: number }
  | { id: number; ok: false; failure: PdfFailure; pages?: number; errorName: string };
