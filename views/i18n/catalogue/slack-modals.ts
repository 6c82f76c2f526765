// Slack messages: slack-modals (see src/slack/listeners/).
export const en = {
};

export const pl: { readonly [K in keyof typeof en]: string } = {
};
