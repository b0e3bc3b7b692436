import type { CommandModule } from 'yargs';

export const listCommand: CommandModule = {
  command: 'list',
  describe: 'List providers, simulator profiles, models with known prices, and scorers',
  handler: async () => {
    const { renderList } = await import('../list.js');
    process.stdout.write(renderList());
  },
};
