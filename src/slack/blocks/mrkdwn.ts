// Slack's mrkdwn escaping: &, < and > are control characters (links, mentions); everything a
// person or a customer wrote goes through esc() before it is put into a text object.
export const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
