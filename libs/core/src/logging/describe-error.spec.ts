import { QueryFailedError } from 'typeorm';
import { describeError } from './describe-error';

describe('describeError', () => {
  it('keeps only the codes of a database error, never the SQL or the values', () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "uq_client_id_number"'), {
      code: '23505',
      constraint: 'uq_client_id_number',
      detail: 'Key (id_number_hash)=(13800138000) already exists.',
    });
    const error = new QueryFailedError('INSERT INTO client (phone) VALUES ($1)', ['13800138000'], driverError);
    const described = describeError(error);
    expect(described).toMatchObject({ type: 'QueryFailedError', sqlState: '23505', constraint: 'uq_client_id_number' });
    expect(JSON.stringify(described)).not.toContain('13800138000');
    expect(JSON.stringify(described)).not.toContain('INSERT');
  });

  it('describes ordinary errors by name and message', () => {
    expect(describeError(new TypeError('boom'))).toMatchObject({ type: 'TypeError', message: 'boom' });
  });
});
