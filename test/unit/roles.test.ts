import { Role } from '../../prisma/generated/enums';
import { roles } from '../../domain/roles';

describe('the roles', () => {
  it("when the database's role enum is read, then it holds exactly the domain's roles, in order", () => {
    expect(Object.values(Role)).toEqual([...roles]);
  });
});
