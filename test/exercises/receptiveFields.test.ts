import { expect } from "chai";
import { receptiveFields } from "../../src/exercises/receptiveFields";

type Id = Parameters<typeof receptiveFields.check>[0];
const grade = (id: string, answer: unknown) => receptiveFields.grade(id as Id, answer);

describe("exercises.receptiveFields", () => {
  it("grades the strided stack (r = 12) and names the missing jump, added kernels and own-stride mistakes", () => {
    expect(grade("strided", 12).correct).to.equal(true);
    expect(grade("strided", 8).message).to.match(/forgot the jump/);
    expect(grade("strided", 11).message).to.match(/do not simply add/);
    expect(grade("strided", 13).message).to.match(/own stride/);
    expect(grade("strided", 0).message).to.match(/placeholder/);
  });

  it("grades VGG-16's conv5_3 jump (16) and spots counting pool5", () => {
    expect(grade("vggJump", 16).correct).to.equal(true);
    expect(grade("vggJump", 32).message).to.match(/fifth/);
    expect(grade("vggJump", 1).message).to.match(/pools/);
  });

  it("grades { params, macs } of a conv and names each wrong part", () => {
    expect(grade("convCost", { params: 73856, macs: 231211008 }).correct).to.equal(true);
    expect(grade("convCost", { params: 73728, macs: 231211008 }).message).to.match(/forgot the bias/);
    expect(grade("convCost", { params: 73856, macs: 2 * 231211008 }).message).to.match(/FLOPs/);
    expect(grade("convCost", { params: 73728, macs: 73728 }).message).to.match(/bias.*one output position/);
    expect(grade("convCost", 5).message).to.match(/object/);
  });

  it("grades VGG-16's fully connected share of parameters and tells a percentage or the MAC share apart", () => {
    expect(grade("vggFcShare", 0.894).correct).to.equal(true);
    expect(grade("vggFcShare", 89.4).message).to.match(/percentage/);
    expect(grade("vggFcShare", 0.008).message).to.match(/MACs/);
  });
});
