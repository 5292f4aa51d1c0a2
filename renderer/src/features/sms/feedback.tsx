/** What the last action in the SMS dialog came to; one line, so staff always know where to look. */
export interface Feedback {
  ok: boolean;
  text: string;
  /** A text that was held rather than sent: done, but waiting, so it reads blue rather than green. */
  waiting?: boolean;
}

export type Report = (feedback: Feedback | null) => void;

export function FeedbackLine({ feedback }: { feedback: Feedback | null }) {
  // The live regions are always there, so what is put in them is announced.
  return (
    <div className="sms-feedback">
      <p role="status" className={feedback?.waiting ? 'action-done is-waiting' : 'action-done'}>
        {feedback?.ok ? feedback.text : ''}
      </p>
      <p role="alert" className="action-refused">
        {feedback && !feedback.ok ? feedback.text : ''}
      </p>
    </div>
  );
}
