// Each scenario measures one Rally path against the running stack and returns load() figures plus its own checks.
export const SCENARIOS = [
  {
    name: 'health-live',
    async run({ stack, connections, durationSeconds, load }) {
      return load({ url: `${stack.base}/health/live`, connections, durationSeconds });
    },
  },
];
